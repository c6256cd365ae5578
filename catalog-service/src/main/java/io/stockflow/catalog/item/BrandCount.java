package io.stockflow.catalog.item;

/**
 * A brand and how many items of it the catalogue shows.
 *
 * @param brand the brand
 * @param count items of the brand, not counting removed ones
 */
public record BrandCount(String brand, long count) {
}
