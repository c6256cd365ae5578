package io.stockflow.contracts.inventory;

import java.math.BigDecimal;

/**
 * Event: an item's details changed (stock changes are {@link StockChanged}).
 *
 * @param sku the item
 * @param brand the brand
 * @param model the model
 * @param description the description
 * @param price the price
 * @param imageUrl the image address, or null
 * @param version the details' version after the change
 */
public record ItemUpdated(String sku, String brand, String model, String description, BigDecimal price, String imageUrl,
		long version) {
}
