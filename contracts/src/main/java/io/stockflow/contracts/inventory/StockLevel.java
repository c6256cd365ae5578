package io.stockflow.contracts.inventory;

/**
 * The quantity of an item at one location.
 *
 * @param location the location code, {@code [a-z0-9-]{1,32}}
 * @param quantity units, 0 to 10,000,000
 */
public record StockLevel(String location, int quantity) {
}
