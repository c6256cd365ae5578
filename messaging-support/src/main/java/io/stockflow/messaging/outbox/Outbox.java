package io.stockflow.messaging.outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.MessageJson;
import io.stockflow.messaging.observation.MessageLogContext;
import io.stockflow.messaging.observation.TraceContexts;

/**
 * The transactional outbox: a service that changes its database announces the change by
 * adding the message here, in the same transaction. {@link OutboxRelay} publishes it once
 * the transaction has committed; a rollback publishes nothing.
 */
public class Outbox {

	private static final Logger log = LoggerFactory.getLogger(Outbox.class);

	private final JdbcTemplate jdbc;

	private final Runnable afterCommit;

	private final TraceContexts traces;

	private final Consumer<List<Outgoing>> committed;

	public Outbox(JdbcTemplate jdbc, Runnable afterCommit) {
		this(jdbc, afterCommit, TraceContexts.none(), (messages) -> {
		});
	}

	/**
	 * @param jdbc the service's database
	 * @param afterCommit wakes the relay
	 * @param traces reads the trace context stored with each row
	 * @param committed told about the messages of each committed transaction (metrics)
	 */
	public Outbox(JdbcTemplate jdbc, Runnable afterCommit, TraceContexts traces, Consumer<List<Outgoing>> committed) {
		this.jdbc = jdbc;
		this.afterCommit = afterCommit;
		this.traces = traces;
		this.committed = committed;
	}

	/**
	 * Adds a message to publish after the current transaction commits.
	 * @param exchange the exchange
	 * @param routingKey the routing key
	 * @param envelope the message
	 * @throws org.springframework.transaction.IllegalTransactionStateException outside a
	 * transaction
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void add(String exchange, String routingKey, Envelope<?> envelope) {
		addAll(List.of(new Outgoing(exchange, routingKey, envelope)));
	}

	/**
	 * Adds many messages in one batch, for bulk changes such as an import.
	 * @param messages the messages, published in this order among those of the same
	 * exchange and routing key
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void addAll(List<Outgoing> messages) {
		String traceParent = this.traces.current();
		Pending pending = pending();
		if (pending.written) {
			throw new IllegalStateException("the outbox rows of this transaction are written already: "
					+ "add messages before it commits, not from a beforeCommit callback");
		}
		messages.forEach((m) -> pending.rows.add(new Row(m, traceParent)));
		messages.forEach(Outbox::logQueued);
	}

	/**
	 * The rows the current transaction has added so far: written in one batch just before
	 * it commits (a transaction that applies many messages writes its outbox rows in one
	 * round trip, not one each). A transaction suspended for a new one keeps its own.
	 */
	private Pending pending() {
		for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
			if (synchronization instanceof Pending pending && pending.outbox() == this) {
				return pending;
			}
		}
		Pending pending = new Pending();
		TransactionSynchronizationManager.registerSynchronization(pending);
		return pending;
	}

	private void insert(List<Row> rows) {
		this.jdbc.batchUpdate("""
				insert into outbox (message_id, exchange, routing_key, type, correlation_id, body, trace_parent)
				values (?, ?, ?, ?, ?, ?, ?)
				""", rows, 1000, (statement, row) -> {
			Outgoing m = row.message();
			statement.setObject(1, m.envelope().messageId());
			statement.setString(2, m.exchange());
			statement.setString(3, m.routingKey());
			statement.setString(4, m.envelope().type());
			statement.setObject(5, m.envelope().correlationId());
			statement.setBytes(6, MessageJson.write(m.envelope()));
			statement.setString(7, row.traceParent());
		});
	}

	/**
	 * Written last of the transaction's work before commit; a message added after that is
	 * refused (the transaction then rolls back rather than lose it).
	 */
	private final class Pending implements TransactionSynchronization {

		private final List<Row> rows = new ArrayList<>();

		private boolean written;

		Outbox outbox() {
			return Outbox.this;
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			insert(byDestination(this.rows));
			this.written = true;
		}

		@Override
		public void afterCommit() {
			Outbox.this.afterCommit.run();
			Outbox.this.committed.accept(this.rows.stream().map(Row::message).toList());
		}

	}

	/**
	 * A transaction's rows grouped by exchange and routing key, the groups in the order
	 * of their first row, each group in the order its rows were added: the relay sends a
	 * run of rows that go the same way as one bundle. The order of one routing key's
	 * messages is kept; that of a transaction's messages with different keys is not, and
	 * no consumer relies on it (docs/messaging.md, "Bundles"): the busy queues have
	 * several consumers, which see no order across messages anyway.
	 */
	private static List<Row> byDestination(List<Row> rows) {
		Map<List<String>, List<Row>> groups = new LinkedHashMap<>();
		for (Row row : rows) {
			groups
				.computeIfAbsent(List.of(row.message().exchange(), row.message().routingKey()),
						(destination) -> new ArrayList<>())
				.add(row);
		}
		return (groups.size() == 1) ? rows : groups.values().stream().flatMap(List::stream).toList();
	}

	private record Row(Outgoing message, String traceParent) {
	}

	/** A command starts or continues a flow: worth a line. Events only when debugging. */
	private static void logQueued(Outgoing m) {
		boolean command = Exchanges.COMMANDS.equals(m.exchange());
		if (command ? log.isInfoEnabled() : log.isDebugEnabled()) {
			try (MessageLogContext context = MessageLogContext.of(m.envelope())) {
				String text = "Sending {} {} to {} with key {}";
				Object[] args = { m.envelope().type(), m.envelope().messageId(), m.exchange(), m.routingKey() };
				if (command) {
					log.info(text, args);
				}
				else {
					log.debug(text, args);
				}
			}
		}
	}

	/**
	 * A message to publish.
	 *
	 * @param exchange the exchange
	 * @param routingKey the routing key
	 * @param envelope the message
	 */
	public record Outgoing(String exchange, String routingKey, Envelope<?> envelope) {
	}

}
