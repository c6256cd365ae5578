package io.stockflow.gateway.health;

import java.time.Instant;
import java.util.Map;

/**
 * A message in a parking queue.
 *
 * @param messageId its AMQP message id, which replay and discard name
 * @param type its message type (e.g. {@code AddItem}); may be null for foreign messages
 * @param originalQueue the queue it was parked from, where a replay sends it
 * @param reason why it was parked ({@code x-parked-reason}, or the broker's
 * dead-lettering reason)
 * @param parkedAt when it was parked; may be null
 * @param headers all its AMQP headers
 * @param body its body as text
 */
public record ParkedMessage(String messageId, String type, String originalQueue, String reason, Instant parkedAt,
		Map<String, Object> headers, String body) {

	public ParkedMessage {
		headers = (headers != null) ? java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers))
				: Map.of();
	}

}
