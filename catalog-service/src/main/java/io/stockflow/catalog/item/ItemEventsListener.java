package io.stockflow.catalog.item;

import java.util.List;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.inventory.ItemAdded;
import io.stockflow.contracts.inventory.ItemRemoved;
import io.stockflow.contracts.inventory.ItemUpdated;
import io.stockflow.contracts.inventory.StockChanged;
import io.stockflow.messaging.MessagingSettings;
import io.stockflow.messaging.listener.BatchDeliveries;
import io.stockflow.messaging.listener.BatchHandler;

/**
 * Feeds inventory's item and stock events into the read model, once each, in batches: the
 * events that arrive together are applied in one transaction. A payload that is no item
 * or stock event is parked.
 */
@Component
class ItemEventsListener implements BatchHandler {

	private final BatchDeliveries batches;

	private final CatalogProjection projection;

	ItemEventsListener(BatchDeliveries batches, CatalogProjection projection) {
		this.batches = batches;
		this.projection = projection;
	}

	@RabbitListener(id = CatalogProjection.LIVE_LISTENER_ID, queues = Queues.CATALOG_ITEM_EVENTS,
			containerFactory = MessagingSettings.BATCH_LISTENER_FACTORY)
	void on(List<Message> messages) {
		this.batches.apply(Queues.CATALOG_ITEM_EVENTS, messages, this);
	}

	@Override
	public void apply(Envelope<?> message) {
		this.projection.apply(message.payload());
	}

	/**
	 * Locks every item the batch is about with one statement, before any event is
	 * applied.
	 */
	@Override
	public void lockAll(List<Envelope<?>> batch) {
		this.projection.lockAll(batch.stream().map(this::key).filter((sku) -> sku != null && !sku.isEmpty()).toList());
	}

	/**
	 * A batch is applied in sku order, the events of one sku in the order they came.
	 */
	@Override
	public String key(Envelope<?> message) {
		return switch (message.payload()) {
			case ItemAdded added -> added.sku();
			case ItemUpdated updated -> updated.sku();
			case ItemRemoved removed -> removed.sku();
			case StockChanged changed -> changed.sku();
			default -> "";
		};
	}

}
