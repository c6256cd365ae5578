package io.stockflow.contracts.inventory;

import java.util.UUID;

/**
 * Event: the stock of an item at one location changed. Each location has its own version,
 * so a projection applies the newest level of each location whatever order events arrive
 * in.
 *
 * @param sku the item
 * @param location the location
 * @param available units available there after the change
 * @param delta the change
 * @param kind what changed it: SET, ADJUSTED, IMPORTED, RESERVED, RELEASED
 * @param version the location's stock version after the change
 * @param orderId the order, for reservations and releases; otherwise null
 */
public record StockChanged(String sku, String location, int available, int delta, String kind, long version,
		UUID orderId) {
}
