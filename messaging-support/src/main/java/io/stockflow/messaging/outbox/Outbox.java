package io.stockflow.messaging.outbox;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.MessageJson;

/**
 * The transactional outbox: a service that changes its database announces the change by
 * adding the message here, in the same transaction. {@link OutboxRelay} publishes it once
 * the transaction has committed; a rollback publishes nothing.
 */
public class Outbox {

	private final JdbcTemplate jdbc;

	private final Runnable afterCommit;

	public Outbox(JdbcTemplate jdbc, Runnable afterCommit) {
		this.jdbc = jdbc;
		this.afterCommit = afterCommit;
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
	 * @param messages the messages, published in this order
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void addAll(List<Outgoing> messages) {
		this.jdbc.batchUpdate("""
				insert into outbox (message_id, exchange, routing_key, type, correlation_id, body)
				values (?, ?, ?, ?, ?, ?)
				""", messages, 1000, (statement, m) -> {
			statement.setObject(1, m.envelope().messageId());
			statement.setString(2, m.exchange());
			statement.setString(3, m.routingKey());
			statement.setString(4, m.envelope().type());
			statement.setObject(5, m.envelope().correlationId());
			statement.setBytes(6, MessageJson.write(m.envelope()));
		});
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				Outbox.this.afterCommit.run();
			}
		});
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
