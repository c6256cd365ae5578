package io.stockflow.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Every message on the broker: identity and causality around one payload record. Messages
 * are signed in a header over their exact bytes (messaging-support's MessageSigner), not
 * in here.
 *
 * @param messageId unique per message; consumers dedupe on it (inbox)
 * @param type the payload's type name, see {@link MessageTypes}
 * @param schemaVersion the payload's schema version
 * @param occurredAt when the fact happened or the command was issued
 * @param correlationId the id shared by every message of one business flow
 * @param causationId the id of the message that caused this one, or null for the first
 * @param actor who acted
 * @param payload the message record
 * @param <T> the payload type
 */
public record Envelope<T>(UUID messageId, String type, int schemaVersion, Instant occurredAt, UUID correlationId,
		UUID causationId, Actor actor, T payload) {

	public Envelope {
		Objects.requireNonNull(messageId, "messageId");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(correlationId, "correlationId");
		Objects.requireNonNull(actor, "actor");
		Objects.requireNonNull(payload, "payload");
	}

	/**
	 * A first message of a new flow, such as a command issued at the gateway.
	 * @param messageId the message id, often also the command id
	 * @param actor who acts
	 * @param payload the message record
	 * @param <T> the payload type
	 * @return an envelope whose correlation id is its message id
	 */
	public static <T> Envelope<T> first(UUID messageId, Actor actor, T payload) {
		return new Envelope<>(messageId, MessageTypes.nameOf(payload), 1, Instant.now(), messageId, null, actor,
				payload);
	}

	/**
	 * A message caused by this one, in the same flow.
	 * @param actor who acts
	 * @param payload the message record
	 * @param <R> the payload type
	 * @return an envelope with a new id, this correlation id, and this id as causation id
	 */
	public <R> Envelope<R> causing(Actor actor, R payload) {
		return new Envelope<>(UUID.randomUUID(), MessageTypes.nameOf(payload), 1, Instant.now(), this.correlationId,
				this.messageId, actor, payload);
	}

}
