package io.stockflow.contracts.inventory;

/**
 * Event: an item's stock over all locations fell to its low-stock threshold or below.
 *
 * @param sku the item
 * @param available units available over all locations
 * @param threshold the item's threshold
 */
public record LowStock(String sku, int available, int threshold) {
}
