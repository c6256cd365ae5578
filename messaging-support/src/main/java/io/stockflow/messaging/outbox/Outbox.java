package io.stockflow.messaging.outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
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

	private final JdbcClient jdbc;

	private final Runnable afterCommit;

	public Outbox(JdbcClient jdbc, Runnable afterCommit) {
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
		this.jdbc.sql("""
				insert into outbox (message_id, exchange, routing_key, type, correlation_id, body)
				values (?, ?, ?, ?, ?, ?)
				""")
			.params(envelope.messageId(), exchange, routingKey, envelope.type(), envelope.correlationId(),
					MessageJson.write(envelope))
			.update();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				Outbox.this.afterCommit.run();
			}
		});
	}

}
