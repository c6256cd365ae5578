package io.stockflow.contracts.inventory;

/**
 * Event: an item was removed from the catalogue.
 *
 * @param sku the item
 * @param version the details' version after the removal
 */
public record ItemRemoved(String sku, long version) {
}
