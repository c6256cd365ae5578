package io.stockflow.gateway.order;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/orders}: 1 to 50 lines, each sku once (a repeated sku is rejected
 * rather than merged, so the customer sees exactly what they ordered), 1 to 1,000 units a
 * line.
 *
 * @param lines the lines
 */
public record PlaceOrderRequest(@NotNull @Size(min = 1, max = 50) List<@Valid @NotNull Line> lines) {

	@AssertTrue(message = "each sku may appear once; put the quantities together")
	public boolean isEachSkuOnce() {
		if (this.lines == null) {
			return true;
		}
		Set<String> seen = new HashSet<>();
		return this.lines.stream().filter((l) -> l != null && l.sku() != null).allMatch((l) -> seen.add(l.sku()));
	}

	/**
	 * @param sku the item
	 * @param quantity units
	 */
	public record Line(@NotNull @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String sku,
			@NotNull @Min(1) @Max(1000) Integer quantity) {
	}

}
