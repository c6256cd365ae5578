package io.stockflow.contracts.order;

import java.util.List;
import java.util.UUID;

/**
 * Command: record a customer's order and reserve its stock. Sent by the gateway, whose
 * idempotency key gave the order id; the same id twice is the same order.
 *
 * @param orderId the order id
 * @param customer the user name of the customer; must be the command's actor (or an
 * admin)
 * @param lines 1 to 50 lines, each sku once
 */
public record PlaceOrder(UUID orderId, String customer, List<OrderLine> lines) {

	public PlaceOrder {
		lines = List.copyOf(lines);
	}

}
