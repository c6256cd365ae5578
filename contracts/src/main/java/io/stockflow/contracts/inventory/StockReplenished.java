package io.stockflow.contracts.inventory;

/**
 * Event: an item that was low on stock is above its threshold again.
 *
 * @param sku the item
 * @param available units available over all locations
 * @param threshold the item's threshold
 */
public record StockReplenished(String sku, int available, int threshold) {
}
