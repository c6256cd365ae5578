package io.stockflow.contracts.inventory;

import java.math.BigDecimal;

/**
 * Command: change an item's details. Admin only. With {@code expectedVersion}, rejected
 * unless the item is still at that version (optimistic concurrency).
 *
 * @param sku the item
 * @param brand 1 to 100 characters
 * @param model 1 to 100 characters
 * @param description at most 2,000 characters
 * @param price 0.00 to 1,000,000.00
 * @param imageUrl optional image address
 * @param lowStockThreshold optional: at or below this many units in all, the item is low
 * on stock
 * @param expectedVersion optional: the version the admin edited
 */
public record UpdateItem(String sku, String brand, String model, String description, BigDecimal price, String imageUrl,
		Integer lowStockThreshold, Long expectedVersion) {
}
