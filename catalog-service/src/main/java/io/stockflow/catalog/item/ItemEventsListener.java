package io.stockflow.catalog.item;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.InvalidMessageException;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.inventory.ItemAdded;
import io.stockflow.messaging.inbox.Inbox;

/** Feeds inventory's item and stock events into the read model, once each. */
@Component
class ItemEventsListener {

	private final Inbox inbox;

	private final CatalogProjection projection;

	ItemEventsListener(Inbox inbox, CatalogProjection projection) {
		this.inbox = inbox;
		this.projection = projection;
	}

	@RabbitListener(queues = Queues.CATALOG_ITEM_EVENTS)
	void on(Envelope<?> message) {
		this.inbox.once(Queues.CATALOG_ITEM_EVENTS, message, () -> apply(message));
	}

	private void apply(Envelope<?> message) {
		switch (message.payload()) {
			case ItemAdded added -> this.projection.on(added);
			default ->
				throw new InvalidMessageException(message.type() + " does not belong on " + Queues.CATALOG_ITEM_EVENTS);
		}
	}

}
