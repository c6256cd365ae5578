package io.stockflow.messaging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.InvalidMessageException;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.inventory.ItemAdded;
import io.stockflow.messaging.inbox.Inbox;
import io.stockflow.messaging.listener.BatchDeliveries;
import io.stockflow.messaging.listener.BatchHandler;

/**
 * A minimal service for the backbone's tests: one inbox-deduping consumer, and one batch
 * consumer that writes what it applies to the database in the batch's transaction.
 */
@SpringBootApplication
class MessagingTestApplication {

	@Bean
	RecordingConsumer recordingConsumer(Inbox inbox) {
		return new RecordingConsumer(inbox);
	}

	@Bean
	BatchConsumer batchConsumer(BatchDeliveries batches, JdbcClient jdbc) {
		return new BatchConsumer(batches, jdbc);
	}

	/**
	 * Takes {@value Queues#INVENTORY_RESERVATIONS} in batches: each message's sku goes
	 * into {@code batch_applied} with the id of the transaction that applied it. A sku
	 * starting with POISON is invalid; {@link #failuresToThrow} fails that many
	 * applications.
	 */
	static class BatchConsumer implements BatchHandler {

		static final String ID = "batch-consumer";

		final AtomicInteger failuresToThrow = new AtomicInteger();

		final AtomicInteger attempts = new AtomicInteger();

		private final BatchDeliveries batches;

		private final JdbcClient jdbc;

		BatchConsumer(BatchDeliveries batches, JdbcClient jdbc) {
			this.batches = batches;
			this.jdbc = jdbc;
			jdbc.sql("create table if not exists batch_applied (sku text not null, txid bigint not null)").update();
		}

		@RabbitListener(id = ID, queues = Queues.INVENTORY_RESERVATIONS,
				containerFactory = MessagingSettings.BATCH_LISTENER_FACTORY)
		void on(List<Message> messages) {
			this.batches.apply(Queues.INVENTORY_RESERVATIONS, messages, this);
		}

		@Override
		public void apply(Envelope<?> message) {
			this.attempts.incrementAndGet();
			String sku = ((ItemAdded) message.payload()).sku();
			if (sku.startsWith("POISON")) {
				throw new InvalidMessageException("no such thing as " + sku);
			}
			if (this.failuresToThrow.getAndDecrement() > 0) {
				throw new IllegalStateException("database briefly away");
			}
			this.jdbc.sql("insert into batch_applied (sku, txid) values (?, txid_current())").param(sku).update();
		}

		@Override
		public String key(Envelope<?> message) {
			return ((ItemAdded) message.payload()).sku();
		}

	}

	/** Consumes item events the way catalog-service does, recording what it applied. */
	static class RecordingConsumer {

		final List<String> applied = new CopyOnWriteArrayList<>();

		final AtomicInteger failuresToThrow = new AtomicInteger();

		final AtomicInteger attempts = new AtomicInteger();

		private final Inbox inbox;

		RecordingConsumer(Inbox inbox) {
			this.inbox = inbox;
		}

		@RabbitListener(queues = Queues.CATALOG_ITEM_EVENTS)
		void on(Envelope<?> message) {
			this.attempts.incrementAndGet();
			if (this.failuresToThrow.getAndDecrement() > 0) {
				throw new IllegalStateException("database briefly away");
			}
			this.inbox.once(Queues.CATALOG_ITEM_EVENTS, message,
					() -> this.applied.add(((ItemAdded) message.payload()).sku()));
		}

	}

}
