package io.stockflow.inventory.reservation;

import java.util.List;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.InvalidMessageException;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.order.ReleaseStock;
import io.stockflow.contracts.order.ReserveStock;
import io.stockflow.messaging.MessagingSettings;
import io.stockflow.messaging.UntrustedMessageException;
import io.stockflow.messaging.listener.BatchDeliveries;
import io.stockflow.messaging.listener.BatchHandler;

/**
 * Takes reservations and releases off {@value Queues#INVENTORY_RESERVATIONS}, once each,
 * in batches: the reservations that arrive together are applied in one transaction, in
 * the order they came (first come, first served on a short sku).
 */
@Component
class ReservationsListener implements BatchHandler {

	/** The id of this listener's container. */
	static final String ID = Queues.INVENTORY_RESERVATIONS;

	private final BatchDeliveries batches;

	private final ReservationManagement reservations;

	ReservationsListener(BatchDeliveries batches, ReservationManagement reservations) {
		this.batches = batches;
		this.reservations = reservations;
	}

	/**
	 * Several consumers: a batch locks the stock rows of all its skus in one order before
	 * it reserves anything, so concurrent batches cannot deadlock.
	 */
	@RabbitListener(id = ID, queues = Queues.INVENTORY_RESERVATIONS,
			concurrency = "${stockflow.inventory.reservation-consumers:2}",
			containerFactory = MessagingSettings.BATCH_LISTENER_FACTORY)
	void on(List<Message> messages) {
		this.batches.apply(Queues.INVENTORY_RESERVATIONS, messages, this);
	}

	/** Only order-service reserves and releases: anyone else's message is parked. */
	@Override
	public void apply(Envelope<?> message) {
		UntrustedMessageException.requireRole(message, "SERVICE");
		switch (message.payload()) {
			case ReserveStock reserve -> this.reservations.reserve(message, reserve);
			case ReleaseStock release -> this.reservations.release(message, release);
			default -> throw new InvalidMessageException(
					message.type() + " does not belong on " + Queues.INVENTORY_RESERVATIONS);
		}
	}

	@Override
	public void lockAll(List<Envelope<?>> batch) {
		this.reservations.lockStockFor(batch.stream().<Object>map(Envelope::payload).toList());
	}

	@Override
	public void finishAll(List<Envelope<?>> batch) {
		this.reservations.writeLocked();
	}

}
