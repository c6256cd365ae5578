package io.stockflow.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the messaging backbone, prefix {@code stockflow.messaging}.
 *
 * @param instance this process's instance name; the AMQP connection is named
 * {@code <service>@<instance>}
 * @param signingKey the key shared by all services to sign and verify messages
 * @param outbox outbox relay settings
 * @param inbox inbox settings
 * @param listener listener retry settings
 * @param batch how batch listeners gather their batches
 */
@ConfigurationProperties("stockflow.messaging")
public record MessagingSettings(String instance, String signingKey, @DefaultValue Outbox outbox,
		@DefaultValue Inbox inbox, @DefaultValue Listener listener, @DefaultValue Batch batch) {

	/**
	 * @param pollInterval how long the relay sleeps when it found nothing and was not
	 * woken
	 * @param batchSize rows published per relay transaction
	 * @param confirmTimeout how long to wait for the broker's confirms of one batch
	 * @param retention how long published rows are kept, marked, before they are purged;
	 * zero (the default): a row is deleted as soon as the broker confirms it
	 * @param bundleSize most consecutive rows for the same exchange and routing key sent
	 * as one AMQP message ({@link MessageBundles}); 1 sends every row alone
	 */
	public record Outbox(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("500") int batchSize,
			@DefaultValue("10s") Duration confirmTimeout, @DefaultValue("0s") Duration retention,
			@DefaultValue("100") int bundleSize) {

		public Outbox {
			if (bundleSize < 1) {
				throw new IllegalArgumentException("stockflow.messaging.outbox.bundle-size must be at least 1");
			}
		}

	}

	/**
	 * @param retention how long a message id is remembered; redeliveries come within
	 * seconds
	 */
	public record Inbox(@DefaultValue("7d") Duration retention) {
	}

	/**
	 * @param maxRetries retries of a failing message before it is parked
	 * @param initialInterval first back-off
	 * @param multiplier back-off growth
	 * @param maxInterval longest back-off
	 */
	public record Listener(@DefaultValue("3") int maxRetries, @DefaultValue("200ms") Duration initialInterval,
			@DefaultValue("3") double multiplier, @DefaultValue("2s") Duration maxInterval) {
	}

	/**
	 * Batch listeners ({@link #BATCH_LISTENER_FACTORY}) take up to {@code size} messages
	 * per call: as many as have arrived, ending a batch when no next message comes within
	 * {@code receiveTimeout} or once gathering took {@code maxWait}. Under load batches
	 * fill from the prefetch at once; a lone message waits at most
	 * {@code receiveTimeout}.
	 *
	 * @param size most messages per batch (and the least prefetch)
	 * @param receiveTimeout longest wait for the next message of a batch
	 * @param maxWait longest time spent gathering one batch
	 */
	public record Batch(@DefaultValue("100") int size, @DefaultValue("10ms") Duration receiveTimeout,
			@DefaultValue("50ms") Duration maxWait) {
	}

	/** The listener container factory of batch listeners. */
	public static final String BATCH_LISTENER_FACTORY = "stockflowBatchListenerFactory";

}
