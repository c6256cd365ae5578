package io.stockflow.orders.order;

/**
 * Units of a line taken from one location, as inventory decided.
 *
 * @param location the location code
 * @param quantity units taken there
 */
record Allocation(String location, int quantity) {
}
