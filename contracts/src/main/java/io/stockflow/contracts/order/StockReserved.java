package io.stockflow.contracts.order;

import java.util.List;
import java.util.UUID;

/**
 * Event: every line of an order was reserved.
 *
 * @param orderId the order
 * @param lines the reserved lines with prices and locations
 */
public record StockReserved(UUID orderId, List<ReservedLine> lines) {

	public StockReserved {
		lines = List.copyOf(lines);
	}

}
