package io.stockflow.gateway.inventory;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/admin/items/{sku}/stock}: {@code quantity} sets the level (a recount),
 * {@code delta} adjusts it.
 *
 * @param location the location
 * @param quantity the counted quantity
 * @param delta the change
 * @param reason recount, received, damaged, returned, correction or other; defaults to
 * recount for a set and correction for an adjustment
 * @param note free text
 */
public record StockChangeRequest(@NotNull @Pattern(regexp = "[a-z0-9-]{1,32}") String location,
		@Min(0) @Max(10_000_000) Integer quantity, @Min(-10_000_000) @Max(10_000_000) Integer delta,
		@Pattern(regexp = "recount|received|damaged|returned|correction|other") String reason,
		@Size(max = 500) String note) {

	@AssertTrue(message = "give either quantity (set) or delta (adjust)")
	public boolean isQuantityOrDelta() {
		return (this.quantity == null) != (this.delta == null);
	}

	String reasonOrDefault() {
		return (this.reason != null) ? this.reason : (this.quantity != null) ? "recount" : "correction";
	}

}
