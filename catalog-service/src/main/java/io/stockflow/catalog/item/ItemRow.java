package io.stockflow.catalog.item;

/**
 * An item row as stored, with what the cache needs beside the item itself.
 *
 * @param item the item as the shop sees it
 * @param rowVersion the row's position in the projection's write order
 * @param deleted true once the item was removed
 */
record ItemRow(CatalogItem item, long rowVersion, boolean deleted) {
}
