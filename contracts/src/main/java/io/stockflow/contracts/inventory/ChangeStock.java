package io.stockflow.contracts.inventory;

/**
 * Command: set (recount) or adjust the stock of an item at one location. Admin only.
 * Exactly one of {@code quantity} and {@code delta} is given; a result below zero is
 * rejected.
 *
 * @param sku the item
 * @param location the location, {@code [a-z0-9-]{1,32}}; a new location is created by a
 * set
 * @param quantity the counted quantity, for a set
 * @param delta the change, for an adjustment
 * @param reason a reason code: recount, received, damaged, returned, correction, other
 * @param note free text, at most 500 characters
 */
public record ChangeStock(String sku, String location, Integer quantity, Integer delta, String reason, String note) {
}
