package io.stockflow.inventory.reservation;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.InvalidMessageException;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.order.ReleaseStock;
import io.stockflow.contracts.order.ReserveStock;
import io.stockflow.messaging.UntrustedMessageException;
import io.stockflow.messaging.inbox.Inbox;

/**
 * Takes reservations and releases off {@value Queues#INVENTORY_RESERVATIONS}, once each.
 */
@Component
class ReservationsListener {

	private final Inbox inbox;

	private final ReservationManagement reservations;

	ReservationsListener(Inbox inbox, ReservationManagement reservations) {
		this.inbox = inbox;
		this.reservations = reservations;
	}

	/**
	 * Only order-service reserves and releases: anyone else's message is parked. Several
	 * consumers: every reservation locks its rows in one order, so they cannot deadlock.
	 */
	@RabbitListener(queues = Queues.INVENTORY_RESERVATIONS,
			concurrency = "${stockflow.inventory.reservation-consumers:4}")
	void on(Envelope<?> message) {
		UntrustedMessageException.requireRole(message, "SERVICE");
		this.inbox.once(Queues.INVENTORY_RESERVATIONS, message, () -> apply(message));
	}

	private void apply(Envelope<?> message) {
		switch (message.payload()) {
			case ReserveStock reserve -> this.reservations.reserve(message, reserve);
			case ReleaseStock release -> this.reservations.release(message, release);
			default -> throw new InvalidMessageException(
					message.type() + " does not belong on " + Queues.INVENTORY_RESERVATIONS);
		}
	}

}
