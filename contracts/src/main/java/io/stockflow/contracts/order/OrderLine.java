package io.stockflow.contracts.order;

/**
 * A line of an order as the customer asked for it.
 *
 * @param sku the item
 * @param quantity units, 1 to 1,000
 */
public record OrderLine(String sku, int quantity) {
}
