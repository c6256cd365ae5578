package io.stockflow.messaging.listener;

import java.util.List;

import io.stockflow.contracts.Envelope;

/**
 * What a queue's messages do, for {@link BatchDeliveries}: applied several at a time in
 * one transaction, or one by one when a batch fails. Implementations must not care about
 * the order of messages of different keys: several consumers take a queue's messages in
 * any order anyway.
 */
public interface BatchHandler {

	/**
	 * Applies one message, in the transaction of its inbox entry (a batch's or its own).
	 * @param message the message, signature verified
	 * @throws RuntimeException to fail the message: poison (see {@link PoisonMessages})
	 * is parked, anything else retried alone before it is parked
	 */
	void apply(Envelope<?> message);

	/**
	 * Runs first in a batch's transaction, before any message is applied: locks the rows
	 * the whole batch will change in one fixed order, so that concurrent batches cannot
	 * deadlock. A message alone locks its own rows as it goes.
	 * @param batch the batch's messages
	 */
	default void lockAll(List<Envelope<?>> batch) {
	}

	/**
	 * Runs last in a batch's transaction, after every message of it was applied: writes
	 * what the handler kept in memory for the whole batch. A message alone writes its
	 * own.
	 * @param batch the batch's messages
	 */
	default void finishAll(List<Envelope<?>> batch) {
	}

	/**
	 * The key of the rows a message changes (an order, a sku). A batch is applied in key
	 * order, messages of one key in the order they came, so that concurrent batches lock
	 * those rows in the same order.
	 * @param message the message
	 * @return the key, or "" when order does not matter
	 */
	default String key(Envelope<?> message) {
		return "";
	}

}
