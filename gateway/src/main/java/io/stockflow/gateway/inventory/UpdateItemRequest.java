package io.stockflow.gateway.inventory;

import java.math.BigDecimal;

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
 * {@code PUT /api/admin/items/{sku}}: new details; with {@code expectedVersion} the
 * change is rejected if someone changed the item meanwhile.
 *
 * @param brand the brand
 * @param model the model
 * @param description the description
 * @param price a JSON number or string
 * @param imageUrl optional image address
 * @param lowStockThreshold optional low-stock threshold
 * @param expectedVersion optional: the version that was edited
 */
public record UpdateItemRequest(@NotBlank @Size(max = 100) String brand, @NotBlank @Size(max = 100) String model,
		@Size(max = 2000) String description,
		@NotNull @DecimalMin("0.00") @DecimalMax("1000000.00") @Digits(integer = 7, fraction = 2) BigDecimal price,
		@Size(max = 2048) @Pattern(regexp = "https?://\\S+") String imageUrl,
		@Min(0) @Max(10_000_000) Integer lowStockThreshold, @Min(1) Long expectedVersion) {
}
