package io.stockflow.gateway.order;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.stockflow.contracts.order.OrderStatusChanged;

/**
 * The open status streams ({@code text/event-stream}) of this gateway instance, by order.
 * Each instance receives every order's status changes on its own queue, so whichever
 * instance holds a customer's connection pushes the change to it.
 */
@Component
public class OrderStatusStream {

	static final Duration TIMEOUT = Duration.ofMinutes(10);

	private final Map<UUID, Set<SseEmitter>> streams = new ConcurrentHashMap<>();

	/**
	 * Opens a stream that starts with the order's current status. The stream is
	 * registered before the status is read, so a change that happens in between is not
	 * missed (at worst it is shown twice).
	 * @param orderId the order
	 * @param current reads the order's status now; may throw (not found, not yours)
	 * @return the stream
	 */
	public SseEmitter open(UUID orderId, Supplier<Map<String, Object>> current) {
		SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
		Set<SseEmitter> emitters = this.streams.computeIfAbsent(orderId, (id) -> ConcurrentHashMap.newKeySet());
		emitters.add(emitter);
		Runnable remove = () -> {
			emitters.remove(emitter);
			this.streams.computeIfPresent(orderId, (id, set) -> set.isEmpty() ? null : set);
		};
		emitter.onCompletion(remove);
		emitter.onTimeout(remove);
		emitter.onError((ex) -> remove.run());
		Object status;
		try {
			status = current.get().get("status");
		}
		catch (RuntimeException ex) {
			remove.run();
			throw ex;
		}
		send(emitter, Map.of("orderId", orderId, "status", status));
		if (ends(status)) {
			emitter.complete();
		}
		return emitter;
	}

	/**
	 * @return true if any stream is open on this instance
	 */
	boolean watched() {
		return !this.streams.isEmpty();
	}

	/**
	 * Pushes a status change to the order's open streams. REJECTED and CANCELLED end
	 * them; a CONFIRMED order may still be cancelled, so its stream stays open until it
	 * times out.
	 * @param change the change
	 */
	void publish(OrderStatusChanged change) {
		Set<SseEmitter> emitters = this.streams.get(change.orderId());
		if (emitters == null) {
			return;
		}
		Map<String, Object> event = new java.util.LinkedHashMap<>();
		event.put("orderId", change.orderId());
		event.put("status", change.status());
		if (change.total() != null) {
			event.put("total", change.total().toPlainString());
		}
		if (change.reason() != null) {
			event.put("reason", change.reason());
		}
		for (SseEmitter emitter : List.copyOf(emitters)) {
			send(emitter, event);
			if (ends(change.status())) {
				emitter.complete();
			}
		}
	}

	/**
	 * A rejected or cancelled order changes no more; a confirmed one may still be
	 * cancelled.
	 */
	private static boolean ends(Object status) {
		return "REJECTED".equals(status) || "CANCELLED".equals(status);
	}

	private static void send(SseEmitter emitter, Map<String, Object> event) {
		try {
			emitter.send(SseEmitter.event().name("status").data(event));
		}
		catch (IOException | IllegalStateException ex) {
			emitter.completeWithError(ex);
		}
	}

}
