package io.stockflow.orders.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A line of an order: what was asked for and, once reserved, its unit price and the
 * locations it is taken from.
 *
 * @param sku the item
 * @param quantity units, 1 to 1,000
 * @param unitPrice the price when reserved, null until then
 * @param allocations units per location, empty until reserved
 */
record Line(String sku, int quantity, BigDecimal unitPrice, List<Allocation> allocations) {

	Line {
		allocations = (allocations != null) ? List.copyOf(allocations) : List.of();
	}

	/**
	 * A line as the customer asked for it.
	 * @param sku the item
	 * @param quantity units
	 * @return an unpriced line
	 */
	static Line requested(String sku, int quantity) {
		return new Line(sku, quantity, null, List.of());
	}

	Line reservedAt(BigDecimal price, List<Allocation> allocations) {
		return new Line(this.sku, this.quantity, price.setScale(2, RoundingMode.HALF_UP), allocations);
	}

	/**
	 * @return unit price times quantity, never null for a priced line
	 */
	BigDecimal amount() {
		return this.unitPrice.multiply(BigDecimal.valueOf(this.quantity));
	}

}
