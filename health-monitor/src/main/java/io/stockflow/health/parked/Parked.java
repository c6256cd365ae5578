package io.stockflow.health.parked;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

import io.stockflow.messaging.MessageBundles;

/**
 * Reads a parked message: the reason, original queue and time that the parking recoverer
 * ({@code x-parked-reason}, {@code x-original-queue}, {@code x-parked-at}) or the
 * broker's own dead-lettering ({@code x-first-death-*}, {@code x-death}) left in its
 * headers.
 */
final class Parked {

	private Parked() {
	}

	static ParkedMessage of(String queue, GetResponse got) {
		AMQP.BasicProperties props = got.getProps();
		Map<String, Object> headers = new TreeMap<>();
		if (props.getHeaders() != null) {
			props.getHeaders().forEach((name, value) -> headers.put(name, plain(value)));
		}
		String original = text(headers.get("x-original-queue"));
		if (original == null) {
			original = text(headers.get("x-first-death-queue"));
		}
		if (original == null) {
			original = queue.substring(0, queue.length() - ".parked".length());
		}
		String reason = text(headers.get("x-parked-reason"));
		if (reason == null && headers.get("x-first-death-reason") != null) {
			reason = "dead-lettered by the broker: " + headers.get("x-first-death-reason");
		}
		return new ParkedMessage(props.getMessageId(), props.getType(), original, reason, parkedAt(headers), headers,
				body(got));
	}

	/**
	 * The body as text; a bundle (dead-lettered whole by the broker) as each of its
	 * messages' id and type on a line, then its body.
	 */
	private static String body(GetResponse got) {
		Object count = (got.getProps().getHeaders() != null) ? got.getProps().getHeaders().get(MessageBundles.HEADER)
				: null;
		if (count == null) {
			return new String(got.getBody(), StandardCharsets.UTF_8);
		}
		MessageProperties properties = new MessageProperties();
		properties.setHeader(MessageBundles.HEADER, count);
		try {
			StringBuilder text = new StringBuilder();
			for (Message message : MessageBundles.unpack(new Message(got.getBody(), properties))) {
				text.append(message.getMessageProperties().getMessageId())
					.append(' ')
					.append(message.getMessageProperties().getType())
					.append('\n')
					.append(new String(message.getBody(), StandardCharsets.UTF_8))
					.append('\n');
			}
			return text.toString();
		}
		catch (IOException | RuntimeException ex) {
			return "unreadable bundle (" + ex + "): " + new String(got.getBody(), StandardCharsets.UTF_8);
		}
	}

	private static Instant parkedAt(Map<String, Object> headers) {
		String at = text(headers.get("x-parked-at"));
		if (at != null) {
			try {
				return Instant.parse(at);
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		if (headers.get("x-death") instanceof List<?> deaths && !deaths.isEmpty()
				&& deaths.getFirst() instanceof Map<?, ?> death && death.get("time") instanceof String time) {
			return Instant.parse(time);
		}
		return null;
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

	/** An AMQP header value as a JSON value. */
	private static Object plain(Object value) {
		return switch (value) {
			case LongString text -> text.toString();
			case Date date -> date.toInstant().toString();
			case List<?> list -> list.stream().map(Parked::plain).toList();
			case Map<?, ?> map -> {
				Map<String, Object> plain = new LinkedHashMap<>();
				map.forEach((k, v) -> plain.put(String.valueOf(k), plain(v)));
				yield plain;
			}
			case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
			case null -> null;
			default -> value;
		};
	}

}
