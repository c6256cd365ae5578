package io.stockflow.orders.order;

import org.springframework.stereotype.Component;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.order.OrderLine;
import io.stockflow.contracts.order.OrderStatusChanged;
import io.stockflow.contracts.order.ReleaseStock;
import io.stockflow.contracts.order.ReserveStock;
import io.stockflow.messaging.outbox.Outbox;

/**
 * What order-service tells the others, always through the outbox in the transaction of
 * the change: reservation commands to inventory-service and status events to anyone.
 */
@Component
class OrderMessages {

	/** order-service acting on its own behalf (inventory-service requires SERVICE). */
	static final Actor SELF = Actor.service("order-service");

	private final Outbox outbox;

	OrderMessages(Outbox outbox) {
		this.outbox = outbox;
	}

	void reserveStock(Envelope<?> cause, Order order) {
		ReserveStock reserve = new ReserveStock(order.id().value(),
				order.lines().stream().map((line) -> new OrderLine(line.sku(), line.quantity())).toList());
		this.outbox.add(Exchanges.COMMANDS, RoutingKeys.RESERVATION_RESERVE, cause.causing(SELF, reserve));
	}

	void releaseStock(Envelope<?> cause, Order order) {
		this.outbox.add(Exchanges.COMMANDS, RoutingKeys.RESERVATION_RELEASE,
				cause.causing(SELF, new ReleaseStock(order.id().value())));
	}

	void statusChanged(Envelope<?> cause, Order order) {
		String reason = (order.rejection() != null) ? order.rejection().reason() : null;
		this.outbox.add(Exchanges.EVENTS, RoutingKeys.ORDER_STATUS_CHANGED,
				cause.causing(SELF, new OrderStatusChanged(order.id().value(), order.customer(), order.status().name(),
						order.total(), reason)));
	}

}
