package io.stockflow.messaging.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.stockflow.contracts.Exchanges;
import io.stockflow.messaging.EnvelopeMessageConverter;
import io.stockflow.messaging.MessageBundles;
import io.stockflow.messaging.MessagingSettings;
import io.stockflow.messaging.observation.TraceContexts;

/**
 * Publishes outbox rows in id order, a batch per transaction: rows are locked with
 * {@code FOR UPDATE SKIP LOCKED} (several instances share the work), sent persistent and
 * mandatory (consecutive rows that go the same way as one {@link MessageBundles bundle}),
 * and deleted (or, with a {@code retention}, marked published) only once the broker has
 * confirmed them. A row that was not confirmed (broker down, connection dropped,
 * unroutable) stays and is sent again on the next pass, so delivery is at least once;
 * consumers dedupe with their inbox.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final RabbitTemplate rabbit;

	private final MessagingSettings.Outbox settings;

	private final Semaphore wakeUps = new Semaphore(0);

	private final RelayBundles bundles;

	private final Counter published;

	private final Counter failures;

	private volatile Thread worker;

	public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, RabbitTemplate rabbit,
			EnvelopeMessageConverter converter, MessagingSettings.Outbox settings) {
		this(jdbc, transactions, rabbit, converter, settings, TraceContexts.none(), new SimpleMeterRegistry());
	}

	public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, RabbitTemplate rabbit,
			EnvelopeMessageConverter converter, MessagingSettings.Outbox settings, TraceContexts traces,
			MeterRegistry meters) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.rabbit = rabbit;
		this.settings = settings;
		this.bundles = new RelayBundles(converter, traces, settings.bundleSize());
		this.published = Counter.builder("stockflow.outbox.published")
			.description("Outbox rows the broker confirmed")
			.register(meters);
		this.failures = Counter.builder("stockflow.outbox.failures")
			.description("Outbox sends not confirmed (nacked, unroutable, no confirm in time): retried later")
			.register(meters);
	}

	/** Asks the relay to look at the outbox now rather than at its next poll. */
	public void wakeUp() {
		if (this.wakeUps.availablePermits() == 0) {
			this.wakeUps.release();
		}
	}

	/**
	 * Publishes one batch.
	 * @return how many rows the broker confirmed
	 */
	public int relayBatch() {
		Integer confirmed = this.transactions.execute((status) -> {
			List<Row> rows = lockBatch();
			List<Long> published = publish(rows);
			complete(published);
			return published.size();
		});
		return (confirmed != null) ? confirmed : 0;
	}

	/**
	 * Deletes rows published longer ago than the retention.
	 * @return how many rows were deleted
	 */
	public int purge() {
		return this.jdbc.sql("delete from outbox where published_at < now() - make_interval(secs => ?)")
			.param(this.settings.retention().toSeconds())
			.update();
	}

	private List<Row> lockBatch() {
		return this.jdbc.sql("""
				select id, message_id, exchange, routing_key, type, correlation_id, body, trace_parent from outbox
				where published_at is null and next_attempt_at <= now() order by id limit ? for update skip locked
				""").param(this.settings.batchSize()).query(Row.class).list();
	}

	/**
	 * Sends the batch on one channel and waits for its confirms before giving the channel
	 * back: a channel handed back with confirms outstanding is not cached but closed once
	 * they arrive, so sending row by row opened and closed a channel for most batches.
	 * Consecutive rows for the same exchange and routing key go as one bundle
	 * ({@link MessageBundles}), confirmed, refused or returned together; the order of the
	 * rows is the order the bundles and their messages arrive in.
	 */
	private List<Long> publish(List<Row> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		List<Long> confirmed = new ArrayList<>(rows.size());
		this.rabbit.invoke((operations) -> {
			List<Sent> sent = new ArrayList<>();
			for (List<Row> run : this.bundles.runs(rows)) {
				Row first = run.get(0);
				CorrelationData correlation = new CorrelationData(Long.toString(first.id()));
				try {
					operations.send(first.exchange(), first.routingKey(), this.bundles.message(run), correlation);
				}
				catch (AmqpException ex) {
					// the broker closed the channel, most likely over an earlier row
					// of this batch (say, its exchange is missing): that row's confirm
					// is a nack and it backs off; this row and the rest are sent again
					// on the next pass
					log.debug("Outbox batch stopped at row {}: {}", first.id(), ex.toString());
					break;
				}
				sent.add(new Sent(run, correlation));
			}
			// only the first row not confirmed is charged an attempt and backs off:
			// when the broker closes the channel over one row, every row sent after
			// it is nacked too, and backing them all off together would keep them in
			// that row's batches
			boolean failed = false;
			for (Sent bundle : sent) {
				if (isConfirmed(bundle.correlation(), bundle.rows().get(0), !failed)) {
					bundle.rows().forEach((row) -> confirmed.add(row.id()));
				}
				else {
					failed = true;
				}
			}
			return null;
		});
		this.published.increment(confirmed.size());
		return confirmed;
	}

	/**
	 * A command must reach its queue: unroutable, it stays and is retried. An event
	 * nobody subscribes to right now (say, order status changes while no gateway runs) is
	 * delivered to all its subscribers, none, as publish-subscribe means: it is not
	 * retried.
	 */
	private boolean isConfirmed(CorrelationData correlation, Row row, boolean charge) {
		try {
			CorrelationData.Confirm confirm = correlation.getFuture()
				.get(this.settings.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
			if (confirm.ack() && (correlation.getReturned() == null || Exchanges.EVENTS.equals(row.exchange()))) {
				return true;
			}
			String reason = (correlation.getReturned() != null)
					? "unroutable: " + correlation.getReturned().getReplyText() : "nacked: " + confirm.reason();
			failure(correlation, reason, charge);
			return false;
		}
		catch (Exception ex) {
			failure(correlation, "no confirm: " + ex, charge);
			return false;
		}
	}

	private void failure(CorrelationData correlation, String reason, boolean charge) {
		if (charge) {
			recordFailure(Long.parseLong(correlation.getId()), reason);
		}
		else {
			log.debug("Outbox row {} not published, sent again on the next pass: {}", correlation.getId(), reason);
		}
	}

	private void recordFailure(long id, String reason) {
		log.warn("Outbox row {} not published, will retry: {}", id, reason);
		this.failures.increment();
		this.jdbc.sql("""
				update outbox set attempts = attempts + 1, last_error = ?,
				    next_attempt_at = now() + make_interval(secs => least(power(2, attempts), 300))
				where id = ?
				""").params(reason, id).update();
	}

	/**
	 * Without a retention a confirmed row is deleted: marking it published rewrote the
	 * whole row, its body included (two fifths of the write-ahead log an order made), and
	 * the purge deleted it later all the same. With one it is kept, marked, until
	 * {@link #purge}.
	 */
	private void complete(List<Long> ids) {
		if (!ids.isEmpty()) {
			String sql = this.settings.retention().isZero() ? "delete from outbox where id = any(?)"
					: "update outbox set published_at = now() where id = any(?)";
			this.jdbc.sql(sql).param(ids.toArray(Long[]::new)).update();
		}
	}

	private void loop() {
		Duration backOff = this.settings.pollInterval();
		while (this.worker == Thread.currentThread()) {
			try {
				int published = relayBatch();
				backOff = this.settings.pollInterval();
				if (published < this.settings.batchSize()) {
					await(backOff);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Outbox relay pass failed, retrying in {}: {}", backOff, ex.toString());
				await(backOff);
				backOff = min(backOff.multipliedBy(2), Duration.ofSeconds(10));
			}
		}
	}

	private void await(Duration timeout) {
		try {
			if (this.wakeUps.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.wakeUps.drainPermits();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.worker = null;
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) < 0) ? a : b;
	}

	@Override
	public void start() {
		Thread thread = Thread.ofPlatform().name("outbox-relay").daemon().unstarted(this::loop);
		this.worker = thread;
		thread.start();
	}

	@Override
	public void stop() {
		Thread current = this.worker;
		this.worker = null;
		if (current != null) {
			current.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.worker != null;
	}

	/** Stop before the connection factory and the data source, start after them. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1000;
	}

	private record Sent(List<Row> rows, CorrelationData correlation) {
	}

	record Row(long id, UUID messageId, String exchange, String routingKey, String type, UUID correlationId,
			byte[] body, String traceParent) {

	}

}
