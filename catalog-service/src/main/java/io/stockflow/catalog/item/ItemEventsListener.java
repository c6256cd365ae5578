package io.stockflow.catalog.item;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Queues;
import io.stockflow.messaging.inbox.Inbox;

/**
 * Feeds inventory's item and stock events into the read model, once each. A payload that
 * is no item or stock event is parked.
 */
@Component
class ItemEventsListener {

	private final Inbox inbox;

	private final CatalogProjection projection;

	ItemEventsListener(Inbox inbox, CatalogProjection projection) {
		this.inbox = inbox;
		this.projection = projection;
	}

	@RabbitListener(id = CatalogProjection.LIVE_LISTENER_ID, queues = Queues.CATALOG_ITEM_EVENTS)
	void on(Envelope<?> message) {
		this.inbox.once(Queues.CATALOG_ITEM_EVENTS, message, () -> this.projection.apply(message.payload()));
	}

}
