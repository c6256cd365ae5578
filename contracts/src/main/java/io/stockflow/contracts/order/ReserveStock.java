package io.stockflow.contracts.order;

import java.util.List;
import java.util.UUID;

/**
 * Command from order-service to inventory-service: reserve every line of an order, all or
 * nothing. Answered by {@link StockReserved} or {@link StockRejected}.
 *
 * @param orderId the order
 * @param lines the lines
 */
public record ReserveStock(UUID orderId, List<OrderLine> lines) {

	public ReserveStock {
		lines = List.copyOf(lines);
	}

}
