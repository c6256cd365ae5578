package io.stockflow.orders.order;

/**
 * Why inventory could not reserve an order: its first short line.
 *
 * @param sku the item
 * @param requested units the line asked for
 * @param available units there were
 * @param reason why, for the customer
 */
record Rejection(String sku, int requested, int available, String reason) {
}
