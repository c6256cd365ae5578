package io.stockflow.messaging.inbox;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.stockflow.contracts.Envelope;
import io.stockflow.messaging.observation.MessageLogContext;

/**
 * Exactly-once effect on top of at-least-once delivery: a consumer applies a message
 * inside {@link #once}, which records the message id in the same transaction as the
 * handler's changes. A redelivered message finds its id recorded and is skipped; a
 * rollback forgets the id, so the redelivery is applied.
 */
public class Inbox {

	private static final Logger log = LoggerFactory.getLogger(Inbox.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private final Map<String, Counter> duplicates = new ConcurrentHashMap<>();

	public Inbox(JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.meters = meters;
	}

	/**
	 * Runs the handler in a transaction unless this consumer has applied the message
	 * before.
	 * @param consumer the consumer queue
	 * @param message the message
	 * @param handler the changes the message causes
	 * @return true if the handler ran, false for a duplicate
	 */
	public boolean once(String consumer, Envelope<?> message, Runnable handler) {
		try (MessageLogContext context = MessageLogContext.of(message)) {
			boolean applied = Boolean.TRUE.equals(this.transactions.execute((status) -> {
				if (!record(consumer, message.messageId())) {
					return false;
				}
				handler.run();
				return true;
			}));
			logOutcome(consumer, message, applied);
			return applied;
		}
	}

	/**
	 * Like {@link #once} but for a batch of messages applied together in the caller's
	 * transaction: records all their ids in one statement. The caller applies only the
	 * messages whose ids come back (taking each id out as it does, so that a message sent
	 * twice in one batch is applied once) and logs each outcome ({@link #logOutcome})
	 * once it has committed.
	 * @param consumer the consumer queue
	 * @param messageIds the ids of the batch's messages
	 * @return the ids this consumer had not applied before, never null
	 */
	public Set<UUID> recordAll(String consumer, List<UUID> messageIds) {
		return new HashSet<>(this.jdbc.sql("""
				insert into inbox (consumer, message_id) select ?, unnest(?::uuid[])
				on conflict do nothing returning message_id
				""")
			.params(consumer, messageIds.stream().map(String::valueOf).toArray(String[]::new))
			.query(UUID.class)
			.list());
	}

	/**
	 * Logs (and counts) what became of a message once its transaction committed.
	 * @param consumer the consumer queue
	 * @param message the message
	 * @param applied true if it was applied, false if it was a duplicate
	 */
	public void logOutcome(String consumer, Envelope<?> message, boolean applied) {
		Counter duplicateCount = duplicatesOf(consumer);
		if (!applied) {
			log.info("Skipped duplicate {} {} on {}", message.type(), message.messageId(), consumer);
			duplicateCount.increment();
			return;
		}
		log.info("Applied {} {} from {}", message.type(), message.messageId(), consumer);
	}

	/**
	 * Registered on a queue's first message, so the series exists (at 0) before any
	 * duplicate.
	 */
	private Counter duplicatesOf(String consumer) {
		return this.duplicates.computeIfAbsent(consumer,
				(queue) -> Counter.builder("stockflow.inbox.duplicates")
					.description("Redelivered messages skipped by the inbox")
					.tag("queue", queue)
					.register(this.meters));
	}

	private boolean record(String consumer, UUID messageId) {
		return this.jdbc.sql("insert into inbox (consumer, message_id) values (?, ?) on conflict do nothing")
			.params(consumer, messageId)
			.update() == 1;
	}

	/**
	 * Forgets message ids older than the retention.
	 * @param retentionSeconds how long ids are kept
	 * @return how many were deleted
	 */
	public int purge(long retentionSeconds) {
		return this.jdbc.sql("delete from inbox where received_at < now() - make_interval(secs => ?)")
			.param(retentionSeconds)
			.update();
	}

}
