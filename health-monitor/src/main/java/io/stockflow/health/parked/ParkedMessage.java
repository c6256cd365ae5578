package io.stockflow.health.parked;

import java.time.Instant;
import java.util.Map;

/**
 * A parked message for people to inspect.
 *
 * @param messageId its AMQP message id
 * @param type its message type, may be null
 * @param originalQueue where it was parked from, where a replay sends it
 * @param reason why it was parked
 * @param parkedAt when, may be null
 * @param headers its AMQP headers, as JSON values
 * @param body its body as UTF-8 text
 */
public record ParkedMessage(String messageId, String type, String originalQueue, String reason, Instant parkedAt,
		Map<String, Object> headers, String body) {
}
