package io.stockflow.gateway.inventory;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/admin/items}, with the limits of API.md.
 *
 * @param sku the sku
 * @param brand the brand
 * @param model the model
 * @param description the description
 * @param price a JSON number or string
 * @param imageUrl optional image address
 * @param stock initial stock per location
 * @param lowStockThreshold optional low-stock threshold (units over all locations)
 */
public record AddItemRequest(@NotNull @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String sku,
		@NotBlank @Size(max = 100) String brand, @NotBlank @Size(max = 100) String model,
		@Size(max = 2000) String description,
		@NotNull @DecimalMin("0.00") @DecimalMax("1000000.00") @Digits(integer = 7, fraction = 2) BigDecimal price,
		@Size(max = 2048) @Pattern(regexp = "https?://\\S+") String imageUrl,
		@NotNull @Size(max = 1000) List<@Valid @NotNull StockRequest> stock,
		@Min(0) @Max(10_000_000) Integer lowStockThreshold) {

	/**
	 * @param location the location code
	 * @param quantity units there
	 */
	public record StockRequest(@NotNull @Pattern(regexp = "[a-z0-9-]{1,32}") String location,
			@NotNull @Min(0) @Max(10_000_000) Integer quantity) {
	}

}
