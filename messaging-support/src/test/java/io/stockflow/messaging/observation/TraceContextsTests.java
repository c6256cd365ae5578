package io.stockflow.messaging.observation;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The trace context an outbox row keeps, and the producer span the relay makes of it. */
class TraceContextsTests {

	final SdkTracerProvider provider = SdkTracerProvider.builder().build();

	final io.opentelemetry.api.trace.Tracer otel = this.provider.get("test");

	final OtelTracer tracer = new OtelTracer(this.otel, new OtelCurrentTraceContext(), (event) -> {
	});

	final TraceContexts traces = new TraceContexts(this.tracer,
			new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), this.otel));

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void storesTheTraceparentOfTheCurrentSpan() {
		Span request = this.tracer.nextSpan().name("request").start();

		String stored;
		try (Tracer.SpanInScope scope = this.tracer.withSpan(request)) {
			stored = this.traces.current();
		}
		request.end();

		assertThat(stored)
			.matches("00-" + request.context().traceId() + "-" + request.context().spanId() + "-[0-9a-f]{2}");
	}

	@Test
	void storesNothingOutsideATrace() {
		assertThat(this.traces.current()).isNull();
		assertThat(TraceContexts.none().current()).isNull();
	}

	@Test
	void publishesInAChildSpanOfTheStoredTrace() {
		String stored = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		Map<String, String> sent = new HashMap<>();

		this.traces.continueTrace(stored, "publish order.place", sent::putAll);

		assertThat(sent.get(TraceContexts.TRACEPARENT)).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
			.doesNotContain("00f067aa0ba902b7");
		assertThat(this.tracer.currentSpan()).as("the producer span is closed again").isNull();
	}

	@Test
	void publishesWithoutTraceHeadersWhenTheRowHasNoTrace() {
		Map<String, String> sent = new HashMap<>(Map.of("x", "y"));

		this.traces.continueTrace(null, "publish order.place", sent::putAll);
		TraceContexts.none()
			.continueTrace("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "publish", sent::putAll);

		assertThat(sent).containsOnlyKeys("x");
	}

}
