package io.stockflow.messaging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.inventory.ItemAdded;
import io.stockflow.messaging.inbox.Inbox;

/** A minimal service for the backbone's tests: one inbox-deduping consumer. */
@SpringBootApplication
class MessagingTestApplication {

	@Bean
	RecordingConsumer recordingConsumer(Inbox inbox) {
		return new RecordingConsumer(inbox);
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
