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
import io.stockflow.contracts.order.StockRejected;
import io.stockflow.contracts.order.StockReleased;
import io.stockflow.contracts.order.StockReserved;
import io.stockflow.messaging.MessagingSettings;
import io.stockflow.messaging.UntrustedMessageException;
import io.stockflow.messaging.listener.BatchDeliveries;
import io.stockflow.messaging.listener.BatchHandler;

/**
 * Takes inventory-service's answers off {@value Queues#ORDERS_RESERVATION_EVENTS}, once
 * each, in batches: the answers that arrive together are applied in one transaction.
 */
@Component
class ReservationEventsListener implements BatchHandler {

	private final BatchDeliveries batches;

	private final OrderManagement orders;

	ReservationEventsListener(BatchDeliveries batches, OrderManagement orders) {
		this.batches = batches;
		this.orders = orders;
	}

	@RabbitListener(id = Queues.ORDERS_RESERVATION_EVENTS, queues = Queues.ORDERS_RESERVATION_EVENTS,
			containerFactory = MessagingSettings.BATCH_LISTENER_FACTORY)
	void on(List<Message> messages) {
		this.batches.apply(Queues.ORDERS_RESERVATION_EVENTS, messages, this);
	}

	/**
	 * Only a service (inventory-service) answers reservations: anyone else's is parked.
	 */
	@Override
	public void apply(Envelope<?> message) {
		UntrustedMessageException.requireRole(message, "SERVICE");
		switch (message.payload()) {
			case StockReserved reserved -> this.orders.on(message, reserved);
			case StockRejected rejected -> this.orders.on(message, rejected);
			case StockReleased released -> this.orders.on(message, released);
			default -> throw new InvalidMessageException(
					message.type() + " does not belong on " + Queues.ORDERS_RESERVATION_EVENTS);
		}
	}

	/** A batch locks and reads all its orders first, in id order, with two statements. */
	@Override
	public void lockAll(List<Envelope<?>> batch) {
		this.orders.lockAll(batch, this::orderIdOf);
	}

	/** Orders are locked in id order, so that concurrent batches cannot deadlock. */
	@Override
	public String key(Envelope<?> message) {
		return Objects.toString(orderIdOf(message), "");
	}

	private UUID orderIdOf(Envelope<?> message) {
		return switch (message.payload()) {
			case StockReserved reserved -> reserved.orderId();
			case StockRejected rejected -> rejected.orderId();
			case StockReleased released -> released.orderId();
			default -> null;
		};
	}

}
