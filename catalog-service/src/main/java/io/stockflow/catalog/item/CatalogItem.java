package io.stockflow.catalog.item;

import java.time.Instant;
import java.util.List;

/**
 * An item as the shop sees it (API.md {@code GET /api/items/{sku}}).
 *
 * @param sku the sku
 * @param brand the brand
 * @param model the model
 * @param description the description
 * @param price the price, a decimal string with two fraction digits
 * @param imageUrl the image address, or null
 * @param available units available over all locations
 * @param locations units available per location
 * @param version inventory's item version this row reflects
 * @param updatedAt when the read model last changed this row
 */
public record CatalogItem(String sku, String brand, String model, String description, String price, String imageUrl,
		int available, List<Location> locations, long version, Instant updatedAt) {

	/**
	 * @param location the location code
	 * @param available units available there
	 */
	public record Location(String location, int available) {
	}

}
