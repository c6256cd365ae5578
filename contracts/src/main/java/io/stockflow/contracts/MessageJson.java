package io.stockflow.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON wire format of an {@link Envelope}: ISO-8601 instants, money as decimal
 * strings, unknown properties tolerated (a newer producer may add fields), nulls left
 * out.
 */
public final class MessageJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.withConfigOverride(BigDecimal.class, (o) -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
		.changeDefaultPropertyInclusion((i) -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private MessageJson() {
	}

	/**
	 * Serializes an envelope.
	 * @param envelope the envelope
	 * @return UTF-8 JSON
	 */
	public static byte[] write(Envelope<?> envelope) {
		return MAPPER.writeValueAsBytes(envelope);
	}

	/**
	 * Parses an envelope and its payload, typed by the envelope's {@code type}.
	 * @param json UTF-8 JSON
	 * @return the envelope, never null
	 * @throws InvalidMessageException if the JSON is malformed, the type unknown or a
	 * required field missing
	 */
	public static Envelope<?> read(byte[] json) {
		try {
			// one pass over the bytes: the envelope's fields bind directly, and the
			// payload stays a tree until its type is known
			Received received = MAPPER.readValue(json, Received.class);
			if (received == null) {
				throw new InvalidMessageException("message is not a JSON object");
			}
			Class<?> payloadType = MessageTypes.classOf(received.type())
				.orElseThrow(() -> new InvalidMessageException("unknown message type '" + received.type() + "'"));
			if (received.payload() == null || !received.payload().isObject()) {
				throw new InvalidMessageException("message has no payload object");
			}
			Object payload = MAPPER.treeToValue(received.payload(), payloadType);
			return new Envelope<>(received.messageId(), received.type(), received.schemaVersion(),
					received.occurredAt(), received.correlationId(), received.causationId(), received.actor(), payload);
		}
		catch (JacksonException | NullPointerException | IllegalArgumentException ex) {
			throw new InvalidMessageException("unreadable message: " + ex.getMessage(), ex);
		}
	}

	/** An envelope as read, its payload not yet typed. */
	private record Received(UUID messageId, String type, int schemaVersion, Instant occurredAt, UUID correlationId,
			UUID causationId, Actor actor, JsonNode payload) {
	}

}
