package io.stockflow.orders.order;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.InvalidMessageException;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.order.CancelOrder;
import io.stockflow.contracts.order.PlaceOrder;
import io.stockflow.messaging.UntrustedMessageException;
import io.stockflow.messaging.inbox.Inbox;

/** Takes order commands off {@value Queues#ORDERS_ORDER_COMMANDS}, once each. */
@Component
class OrderCommandsListener {

	private final Inbox inbox;

	private final OrderManagement orders;

	OrderCommandsListener(Inbox inbox, OrderManagement orders) {
		this.inbox = inbox;
		this.orders = orders;
	}

	/**
	 * Orders are placed and cancelled by customers and admins; anyone else's command is
	 * parked, even when genuinely signed. Whose order it is, is checked on the order.
	 */
	@RabbitListener(queues = Queues.ORDERS_ORDER_COMMANDS)
	void on(Envelope<?> message) {
		if (!message.actor().hasRole("CUSTOMER")) {
			UntrustedMessageException.requireRole(message, "ADMIN");
		}
		this.inbox.once(Queues.ORDERS_ORDER_COMMANDS, message, () -> apply(message));
	}

	private void apply(Envelope<?> message) {
		switch (message.payload()) {
			case PlaceOrder place -> this.orders.place(message, place);
			case CancelOrder cancel -> this.orders.cancel(message, cancel);
			default -> throw new InvalidMessageException(
					message.type() + " does not belong on " + Queues.ORDERS_ORDER_COMMANDS);
		}
	}

}
