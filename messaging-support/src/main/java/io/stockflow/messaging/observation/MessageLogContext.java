package io.stockflow.messaging.observation;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.MDC;

import io.stockflow.contracts.Envelope;

/**
 * Puts what a log line about a message should name into the logging context (MDC), so
 * every line written while the message is handled carries it as a field of the JSON log:
 * {@code messageId}, {@code messageType}, and the payload's {@code orderId}, {@code sku}
 * and {@code commandId} where it has them. Closing it removes them again.
 */
public final class MessageLogContext implements AutoCloseable {

	private static final Set<String> PAYLOAD_KEYS = Set.of("orderId", "sku", "commandId");

	private static final Map<Class<?>, List<RecordComponent>> COMPONENTS = new ConcurrentHashMap<>();

	private final List<String> keys = new ArrayList<>(5);

	private MessageLogContext(Envelope<?> message) {
		put("messageId", message.messageId());
		put("messageType", message.type());
		Object payload = message.payload();
		if (payload != null) {
			for (RecordComponent component : componentsOf(payload.getClass())) {
				put(component.getName(), valueOf(component, payload));
			}
		}
	}

	/**
	 * @param message the message being handled or sent
	 * @return the context, to close when done
	 */
	public static MessageLogContext of(Envelope<?> message) {
		return new MessageLogContext(message);
	}

	private void put(String key, Object value) {
		if (value != null && MDC.get(key) == null) {
			MDC.put(key, value.toString());
			this.keys.add(key);
		}
	}

	private static List<RecordComponent> componentsOf(Class<?> type) {
		return COMPONENTS.computeIfAbsent(type, (t) -> (t.isRecord())
				? List.of(t.getRecordComponents()).stream().filter((c) -> PAYLOAD_KEYS.contains(c.getName())).toList()
				: List.of());
	}

	private static Object valueOf(RecordComponent component, Object payload) {
		try {
			return component.getAccessor().invoke(payload);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	@Override
	public void close() {
		this.keys.forEach(MDC::remove);
	}

}
