package io.stockflow.messaging.observation;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Carries a trace across the transactional outbox: the W3C {@code traceparent} of the
 * transaction that writes an outbox row is stored with it, and the relay, which publishes
 * the row later from its own thread, continues that trace with a producer span whose
 * context goes out in the message's headers. Without a tracer every method is a no-op.
 */
public class TraceContexts {

	/** The W3C trace context header. */
	public static final String TRACEPARENT = "traceparent";

	private static final TraceContexts NONE = new TraceContexts(null, null);

	private final Tracer tracer;

	private final Propagator propagator;

	public TraceContexts(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/**
	 * @return trace contexts that carry nothing, for code running without tracing
	 */
	public static TraceContexts none() {
		return NONE;
	}

	/**
	 * @return the current span's {@code traceparent}, or null outside a trace
	 */
	public String current() {
		Span span = (this.tracer != null) ? this.tracer.currentSpan() : null;
		if (span == null) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>(4);
		this.propagator.inject(span.context(), carrier, Map::put);
		return carrier.get(TRACEPARENT);
	}

	/**
	 * Runs a send as a producer span in the stored trace, handing the send the headers
	 * that carry the span's context to the consumer.
	 * @param traceParent the stored {@code traceparent}, or null (the send gets no
	 * headers)
	 * @param name the span's name, e.g. {@code "publish order.place"}
	 * @param send sends the message with the given headers
	 */
	public void continueTrace(String traceParent, String name, Consumer<Map<String, String>> send) {
		if (this.tracer == null || traceParent == null) {
			send.accept(Map.of());
			return;
		}
		Span span = this.propagator.extract(Map.of(TRACEPARENT, traceParent), Map::get)
			.kind(Span.Kind.PRODUCER)
			.name(name)
			.start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			Map<String, String> headers = new HashMap<>(4);
			this.propagator.inject(span.context(), headers, Map::put);
			send.accept(headers);
		}
		finally {
			span.end();
		}
	}

	/**
	 * Starts a consumer span continuing a received message's trace, for listeners that
	 * handle several messages per call (a batch gets no span per message of its own). The
	 * span is in scope only inside {@link Received#inScope}; end it once the message's
	 * work, commit included, is done.
	 * @param traceParent the message's {@code traceparent} header, or null (a new trace)
	 * @param name the span's name, e.g. {@code "receive inventory.reservations"}
	 * @return the span, never null
	 */
	public Received receive(String traceParent, String name) {
		if (this.tracer == null) {
			return Received.NONE;
		}
		Span.Builder builder = (traceParent != null)
				? this.propagator.extract(Map.of(TRACEPARENT, traceParent), Map::get) : this.tracer.spanBuilder();
		return new Received(this.tracer, builder.kind(Span.Kind.CONSUMER).name(name).start());
	}

	/**
	 * Whether a {@code traceparent} names the trace already current: a message delivered
	 * alone is handled in the listener container's observation, which continued its
	 * trace; a message unpacked from a bundle is not (the bundle's delivery carries no
	 * trace).
	 * @param traceParent a message's {@code traceparent}, or null
	 * @return true without a tracer, or if its trace id is the current span's
	 */
	public boolean isCurrent(String traceParent) {
		if (this.tracer == null || traceParent == null) {
			return true;
		}
		Span span = this.tracer.currentSpan();
		String[] fields = traceParent.split("-");
		return span != null && fields.length == 4 && fields[1].equals(span.context().traceId());
	}

	/**
	 * The current span, to be put in scope on another thread that works for it (a writer
	 * that commits the requests of several threads together), so that the log lines and
	 * outbox rows written there carry this span's trace. Never end it: its owner does.
	 * @return the current span, or one that carries nothing outside a trace
	 */
	public Received carry() {
		Span span = (this.tracer != null) ? this.tracer.currentSpan() : null;
		return (span != null) ? new Received(this.tracer, span) : Received.NONE;
	}

	/** Work that may throw anything, such as an advised listener call. */
	@FunctionalInterface
	public interface Work {

		Object call() throws Throwable;

	}

	/** A span to put in scope: a received message's consumer span, or a carried one. */
	public static final class Received {

		static final Received NONE = new Received(null, null);

		private final Tracer tracer;

		private final Span span;

		private Received(Tracer tracer, Span span) {
			this.tracer = tracer;
			this.span = span;
		}

		/**
		 * @param work runs with the span as the current one (log lines carry its ids,
		 * outbox rows its context)
		 */
		public void inScope(Runnable work) {
			if (this.span == null) {
				work.run();
				return;
			}
			try (Tracer.SpanInScope scope = this.tracer.withSpan(this.span)) {
				work.run();
			}
		}

		/**
		 * @param work runs with the span as the current one
		 * @return what the work returned
		 * @throws Throwable what the work threw
		 */
		public Object call(Work work) throws Throwable {
			if (this.span == null) {
				return work.call();
			}
			try (Tracer.SpanInScope scope = this.tracer.withSpan(this.span)) {
				return work.call();
			}
		}

		/** Ends the span; its work is done. */
		public void end() {
			if (this.span != null) {
				this.span.end();
			}
		}

	}

}
