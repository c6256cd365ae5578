package io.stockflow.contracts.inventory;

/**
 * Command: remove an item from the catalogue. Admin only. The item and its ledger stay in
 * inventory's history; its stock can no longer be ordered.
 *
 * @param sku the item
 */
public record RemoveItem(String sku) {
}
