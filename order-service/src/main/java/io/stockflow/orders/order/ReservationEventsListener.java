package io.stockflow.orders.order;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.InvalidMessageException;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.order.StockRejected;
import io.stockflow.contracts.order.StockReleased;
import io.stockflow.contracts.order.StockReserved;
import io.stockflow.messaging.UntrustedMessageException;
import io.stockflow.messaging.inbox.Inbox;

/**
 * Takes inventory-service's answers off {@value Queues#ORDERS_RESERVATION_EVENTS}, once
 * each.
 */
@Component
class ReservationEventsListener {

	private final Inbox inbox;

	private final OrderManagement orders;

	ReservationEventsListener(Inbox inbox, OrderManagement orders) {
		this.inbox = inbox;
		this.orders = orders;
	}

	/**
	 * Only a service (inventory-service) answers reservations: anyone else's is parked.
	 */
	@RabbitListener(queues = Queues.ORDERS_RESERVATION_EVENTS)
	void on(Envelope<?> message) {
		UntrustedMessageException.requireRole(message, "SERVICE");
		this.inbox.once(Queues.ORDERS_RESERVATION_EVENTS, message, () -> apply(message));
	}

	private void apply(Envelope<?> message) {
		switch (message.payload()) {
			case StockReserved reserved -> this.orders.on(message, reserved);
			case StockRejected rejected -> this.orders.on(message, rejected);
			case StockReleased released -> this.orders.on(message, released);
			default -> throw new InvalidMessageException(
					message.type() + " does not belong on " + Queues.ORDERS_RESERVATION_EVENTS);
		}
	}

}
