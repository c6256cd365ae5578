package io.stockflow.catalog.rebuild;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.stereotype.Component;

import io.stockflow.catalog.config.CatalogSettings;
import io.stockflow.contracts.InvalidMessageException;
import io.stockflow.contracts.Queues;
import io.stockflow.messaging.EnvelopeMessageConverter;
import io.stockflow.messaging.MessageBundles;

/**
 * The stream {@code catalog.event-log}, read from its first offset on a connection of its
 * own. A stream needs a prefetch and manual acknowledgements; it never ends, so the
 * replay counts as caught up once no event arrived for the quiet period.
 */
@Component
class EventLog {

	private static final Logger log = LoggerFactory.getLogger(EventLog.class);

	/** Time for the stream consumer to start before an empty log counts as caught up. */
	private static final long FIRST_DELIVERY_MILLIS = 5_000;

	private final AbstractConnectionFactory connections;

	private final EnvelopeMessageConverter converter;

	private final CatalogSettings settings;

	private final MessageBundles bundles;

	private final MessagePropertiesConverter properties = new DefaultMessagePropertiesConverter();

	EventLog(AbstractConnectionFactory connections, EnvelopeMessageConverter converter, CatalogSettings settings,
			MessageBundles bundles) {
		this.connections = connections;
		this.converter = converter;
		this.settings = settings;
		this.bundles = bundles;
	}

	/**
	 * Hands every verified event of the log, oldest first (a bundle's in its order), to
	 * the handler; skips (with a warning) what is unreadable, unsigned or no item or
	 * stock event.
	 * @param handler applies one event's payload; a failure aborts the replay
	 * @return how many events were applied and skipped
	 * @throws IOException if the broker cannot be reached
	 */
	Replay replay(Consumer<Object> handler) throws IOException, TimeoutException, InterruptedException {
		try (Connection connection = this.connections.getRabbitConnectionFactory()
			.newConnection("catalog-service rebuild"); Channel channel = connection.createChannel()) {
			Reader reader = new Reader(channel, handler);
			channel.basicQos(this.settings.rebuildPrefetch());
			String tag = channel.basicConsume(Queues.CATALOG_EVENT_LOG, false, Map.of("x-stream-offset", "first"),
					reader);
			reader.awaitQuiet();
			channel.basicCancel(tag);
			return reader.result();
		}
	}

	/**
	 * How a replay went.
	 *
	 * @param applied events handed to the projection
	 * @param skipped unreadable, unsigned or foreign messages
	 */
	record Replay(int applied, int skipped) {
	}

	private final class Reader extends DefaultConsumer {

		private final Consumer<Object> handler;

		private final Semaphore deliveries = new Semaphore(0);

		private final AtomicInteger applied = new AtomicInteger();

		private final AtomicInteger skipped = new AtomicInteger();

		private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

		Reader(Channel channel, Consumer<Object> handler) {
			super(channel);
			this.handler = handler;
		}

		@Override
		public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
				throws IOException {
			if (this.failure.get() != null) {
				return;
			}
			try {
				Message message = new Message(body,
						EventLog.this.properties.toMessageProperties(props, envelope, "UTF-8"));
				if (EventLog.this.bundles.canDebatch(message.getMessageProperties())) {
					EventLog.this.bundles.deBatch(message, this::apply);
				}
				else {
					apply(message);
				}
				getChannel().basicAck(envelope.getDeliveryTag(), false);
			}
			catch (RuntimeException ex) {
				this.failure.set(ex);
			}
			finally {
				this.deliveries.release();
			}
		}

		private void apply(Message message) {
			Object payload;
			try {
				payload = EventLog.this.converter.fromMessage(message).payload();
			}
			catch (MessageConversionException ex) {
				skip(message, ex);
				return;
			}
			try {
				this.handler.accept(payload);
				this.applied.incrementAndGet();
			}
			catch (InvalidMessageException ex) {
				skip(message, ex);
			}
		}

		private void skip(Message message, RuntimeException reason) {
			this.skipped.incrementAndGet();
			log.warn("Rebuild skips message {} of the event log: {}", message.getMessageProperties().getMessageId(),
					reason.getMessage());
		}

		/** Returns once no delivery came for the quiet period, or a delivery failed. */
		void awaitQuiet() throws InterruptedException {
			long quiet = EventLog.this.settings.rebuildQuietPeriod().toMillis();
			long wait = Math.max(quiet, FIRST_DELIVERY_MILLIS);
			while (this.failure.get() == null && this.deliveries.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
				this.deliveries.drainPermits();
				wait = quiet;
			}
		}

		Replay result() {
			RuntimeException failed = this.failure.get();
			if (failed != null) {
				throw failed;
			}
			return new Replay(this.applied.get(), this.skipped.get());
		}

	}

}
