package io.stockflow.contracts.order;

import java.math.BigDecimal;
import java.util.List;

import io.stockflow.contracts.inventory.StockLevel;

/**
 * A reserved line: its price at reservation time and the locations it was taken from.
 *
 * @param sku the item
 * @param quantity units reserved
 * @param unitPrice the item's price when it was reserved
 * @param allocations units taken per location
 */
public record ReservedLine(String sku, int quantity, BigDecimal unitPrice, List<StockLevel> allocations) {

	public ReservedLine {
		allocations = List.copyOf(allocations);
	}

}
