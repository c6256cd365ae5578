package io.stockflow.orders.order;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.InvalidMessageException;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.order.CancelOrder;
import io.stockflow.contracts.order.PlaceOrder;
import io.stockflow.messaging.MessagingSettings;
import io.stockflow.messaging.UntrustedMessageException;
import io.stockflow.messaging.listener.BatchDeliveries;
import io.stockflow.messaging.listener.BatchHandler;

/**
 * Takes order commands off {@value Queues#ORDERS_ORDER_COMMANDS}, once each, in batches:
 * the commands that arrive together are applied in one transaction.
 */
@Component
class OrderCommandsListener implements BatchHandler {

	private final BatchDeliveries batches;

	private final OrderManagement orders;

	OrderCommandsListener(BatchDeliveries batches, OrderManagement orders) {
		this.batches = batches;
		this.orders = orders;
	}

	@RabbitListener(id = Queues.ORDERS_ORDER_COMMANDS, queues = Queues.ORDERS_ORDER_COMMANDS,
			containerFactory = MessagingSettings.BATCH_LISTENER_FACTORY)
	void on(List<Message> messages) {
		this.batches.apply(Queues.ORDERS_ORDER_COMMANDS, messages, this);
	}

	/**
	 * Orders are placed and cancelled by customers and admins; anyone else's command is
	 * parked, even when genuinely signed. Whose order it is, is checked on the order.
	 */
	@Override
	public void apply(Envelope<?> message) {
		if (!message.actor().hasRole("CUSTOMER")) {
			UntrustedMessageException.requireRole(message, "ADMIN");
		}
		switch (message.payload()) {
			case PlaceOrder place -> this.orders.place(message, place);
			case CancelOrder cancel -> this.orders.cancel(message, cancel);
			default -> throw new InvalidMessageException(
					message.type() + " does not belong on " + Queues.ORDERS_ORDER_COMMANDS);
		}
	}

	/** A batch locks and reads all its orders first, in id order, with two statements. */
	@Override
	public void lockAll(List<Envelope<?>> batch) {
		this.orders.lockAll(batch, this::orderIdOf);
	}

	/**
	 * Orders are locked in id order; the commands of one order keep their arrival order.
	 */
	@Override
	public String key(Envelope<?> message) {
		return Objects.toString(orderIdOf(message), "");
	}

	private UUID orderIdOf(Envelope<?> message) {
		return switch (message.payload()) {
			case PlaceOrder place -> place.orderId();
			case CancelOrder cancel -> cancel.orderId();
			default -> null;
		};
	}

}
