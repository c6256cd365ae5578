package io.stockflow.contracts.inventory;

import java.math.BigDecimal;
import java.util.List;

/**
 * One item of an import, already checked against the field rules by the gateway.
 *
 * @param sku the sku
 * @param brand the brand
 * @param model the model
 * @param description the description
 * @param price the price
 * @param stock the quantity of each location listed; other locations are left as they are
 */
public record ImportedItem(String sku, String brand, String model, String description, BigDecimal price,
		List<StockLevel> stock) {

	public ImportedItem {
		stock = (stock != null) ? List.copyOf(stock) : List.of();
	}

}
