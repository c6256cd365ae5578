package io.stockflow.messaging.listener;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.stockflow.contracts.Envelope;
import io.stockflow.messaging.EnvelopeMessageConverter;
import io.stockflow.messaging.inbox.Inbox;
import io.stockflow.messaging.observation.MessageLogContext;
import io.stockflow.messaging.observation.TraceContexts;

/**
 * Applies a batch of deliveries from one queue in one database transaction (bundles
 * unpacked: up to {@code transactionSize} messages a transaction), each message with its
 * own inbox entry, so that N messages cost one commit, one relay pass for what they send
 * and one acknowledgement. If anything in the batch fails, the transaction rolls back
 * whole and every message is applied again alone, with the same rules as a single-message
 * listener: a transient failure is retried with back-off, poison and exhausted retries
 * are parked with their reason. Unreadable or unsigned messages are parked before the
 * batch runs. Only when parking itself fails does this throw, and the container then
 * rejects the batch to the queue's dead-lettering (the inbox makes a later replay of an
 * applied message a no-op).
 */
public class BatchDeliveries {

	private static final Logger log = LoggerFactory.getLogger(BatchDeliveries.class);

	private final EnvelopeMessageConverter converter;

	private final Inbox inbox;

	private final TransactionTemplate transactions;

	private final TraceContexts traces;

	private final ParkingRecoverer parking;

	private final RetryTemplate retry;

	private final int transactionSize;

	/**
	 * @param converter reads and verifies each message
	 * @param inbox records each message's id
	 * @param transactions the database's transactions
	 * @param traces continues each message's trace
	 * @param parking parks what cannot be applied
	 * @param retryPolicy retries of a message applied alone
	 * @param transactionSize most messages applied in one transaction: a batch of bundles
	 * carries many more than it has deliveries, and is applied in parts of this size
	 */
	public BatchDeliveries(EnvelopeMessageConverter converter, Inbox inbox, TransactionTemplate transactions,
			TraceContexts traces, ParkingRecoverer parking, RetryPolicy retryPolicy, int transactionSize) {
		this.converter = converter;
		this.inbox = inbox;
		this.transactions = transactions;
		this.traces = traces;
		this.parking = parking;
		this.retry = new RetryTemplate(retryPolicy);
		this.transactionSize = transactionSize;
	}

	/**
	 * @param queue the queue the deliveries came from (the inbox's consumer name)
	 * @param deliveries the batch as delivered
	 * @param handler what each message does
	 */
	public void apply(String queue, List<Message> deliveries, BatchHandler handler) {
		List<Delivery> readable = new ArrayList<>(deliveries.size());
		for (Message message : deliveries) {
			try {
				readable.add(new Delivery(message, this.converter.fromMessage(message)));
			}
			catch (RuntimeException ex) {
				this.parking.recover(message, ex);
			}
		}
		for (int from = 0; from < readable.size(); from += this.transactionSize) {
			List<Delivery> part = readable.subList(from, Math.min(from + this.transactionSize, readable.size()));
			if (part.size() > 1 && applyTogether(queue, part, handler)) {
				continue;
			}
			for (Delivery delivery : part) {
				applyAlone(queue, delivery, handler);
			}
		}
	}

	private boolean applyTogether(String queue, List<Delivery> batch, BatchHandler handler) {
		List<Delivery> ordered = new ArrayList<>(batch);
		ordered.sort(Comparator.comparing((Delivery d) -> keyOf(handler, d.envelope())));
		List<TraceContexts.Received> spans = ordered.stream()
			.map((d) -> this.traces.receive(d.traceParent(), "receive " + queue))
			.toList();
		boolean[] applied = new boolean[ordered.size()];
		try {
			this.transactions.executeWithoutResult((status) -> {
				List<Envelope<?>> envelopes = ordered.stream().<Envelope<?>>map(Delivery::envelope).toList();
				handler.lockAll(envelopes);
				Set<UUID> fresh = this.inbox.recordAll(queue,
						ordered.stream().map((d) -> d.envelope().messageId()).toList());
				for (int i = 0; i < ordered.size(); i++) {
					Envelope<?> envelope = ordered.get(i).envelope();
					applied[i] = fresh.remove(envelope.messageId());
					if (applied[i]) {
						spans.get(i).inScope(() -> {
							try (MessageLogContext context = MessageLogContext.of(envelope)) {
								handler.apply(envelope);
							}
						});
					}
				}
				handler.finishAll(envelopes);
			});
		}
		catch (RuntimeException ex) {
			spans.forEach(TraceContexts.Received::end);
			log.info("Batch of {} from {} rolled back ({}); applying its messages one by one", ordered.size(), queue,
					ParkingRecoverer.reasonOf(ex));
			return false;
		}
		for (int i = 0; i < ordered.size(); i++) {
			Envelope<?> envelope = ordered.get(i).envelope();
			boolean outcome = applied[i];
			spans.get(i).inScope(() -> {
				try (MessageLogContext context = MessageLogContext.of(envelope)) {
					this.inbox.logOutcome(queue, envelope, outcome);
				}
			});
			spans.get(i).end();
		}
		return true;
	}

	/**
	 * A message whose key cannot be read (a field missing) goes first; applying it fails
	 * the batch, and alone it is parked with its reason.
	 */
	private static String keyOf(BatchHandler handler, Envelope<?> envelope) {
		try {
			return Objects.requireNonNullElse(handler.key(envelope), "");
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

	private void applyAlone(String queue, Delivery delivery, BatchHandler handler) {
		TraceContexts.Received span = this.traces.receive(delivery.traceParent(), "receive " + queue);
		try {
			this.retry.execute(() -> {
				span.inScope(
						() -> this.inbox.once(queue, delivery.envelope(), () -> handler.apply(delivery.envelope())));
				return null;
			});
		}
		catch (RetryException ex) {
			this.parking.recover(delivery.message(), ex.getCause());
		}
		finally {
			span.end();
		}
	}

	private record Delivery(Message message, Envelope<?> envelope) {

		String traceParent() {
			Object header = this.message.getMessageProperties().getHeader(TraceContexts.TRACEPARENT);
			return (header != null) ? header.toString() : null;
		}

	}

}
