package io.stockflow.contracts.inventory;

import java.math.BigDecimal;
import java.util.List;

/**
 * Command: add a new item with its initial stock per location. Admin only. Rejected if
 * the sku exists.
 *
 * @param sku the stock keeping unit, {@code [A-Za-z0-9-]{1,64}}
 * @param brand 1 to 100 characters
 * @param model 1 to 100 characters
 * @param description at most 2,000 characters
 * @param price 0.00 to 1,000,000.00
 * @param imageUrl optional image address
 * @param stock initial quantity per location, each location once
 * @param lowStockThreshold optional: at or below this many units in all, the item is low
 * on stock; the service's default when null
 */
public record AddItem(String sku, String brand, String model, String description, BigDecimal price, String imageUrl,
		List<StockLevel> stock, Integer lowStockThreshold) {

	public AddItem {
		stock = (stock != null) ? List.copyOf(stock) : List.of();
	}

}
