package io.stockflow.contracts.order;

import java.util.UUID;

/**
 * Event: an order could not be reserved; nothing of it was.
 *
 * @param orderId the order
 * @param sku the first line that could not be served
 * @param requested units it asked for
 * @param available units available for it
 * @param reason why, for the customer
 */
public record StockRejected(UUID orderId, String sku, int requested, int available, String reason) {
}
