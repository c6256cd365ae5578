package io.stockflow.contracts.inventory;

import java.math.BigDecimal;
import java.util.List;

/**
 * Event: an item was added. Carries the whole item so a projection needs nothing else.
 *
 * @param sku the sku
 * @param brand the brand
 * @param model the model
 * @param description the description
 * @param price the price
 * @param imageUrl the image address, or null
 * @param stock available quantity per location
 * @param version the item's version after this change; projections apply newer versions
 * only
 */
public record ItemAdded(String sku, String brand, String model, String description, BigDecimal price, String imageUrl,
		List<StockLevel> stock, long version) {

	public ItemAdded {
		stock = (stock != null) ? List.copyOf(stock) : List.of();
	}

}
