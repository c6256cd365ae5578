package io.stockflow.messaging.listener;

import java.util.ArrayList;
import java.util.List;
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

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.aop.framework.ProxyFactory;

import io.stockflow.messaging.observation.TraceContexts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message unpacked from a bundle is handled in its own trace, not in the one the
 * container's observation started for the bundle's delivery; a message delivered alone
 * stays in the span the container made for it.
 */
class BundledMessageTracesTests {

	static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	final SdkTracerProvider provider = SdkTracerProvider.builder().build();

	final io.opentelemetry.api.trace.Tracer otel = this.provider.get("test");

	final OtelTracer tracer = new OtelTracer(this.otel, new OtelCurrentTraceContext(), (event) -> {
	});

	final OtelPropagator propagator = new OtelPropagator(
			ContextPropagators.create(W3CTraceContextPropagator.getInstance()), this.otel);

	final TraceContexts traces = new TraceContexts(this.tracer, this.propagator);

	final List<Span> seen = new ArrayList<>();

	final Listener listener = advised((channel, data) -> this.seen.add(this.tracer.currentSpan()));

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void aBundledMessageIsHandledInItsOwnTraceNotInTheBundles() {
		Span bundle = this.tracer.nextSpan().name("bundle delivery").start();

		try (Tracer.SpanInScope scope = this.tracer.withSpan(bundle)) {
			this.listener.invokeListener(null, message("00-" + TRACE + "-00f067aa0ba902b7-01"));
			assertThat(this.tracer.currentSpan()).isEqualTo(bundle);
		}
		bundle.end();

		assertThat(this.seen).singleElement().satisfies((span) -> {
			assertThat(span.context().traceId()).isEqualTo(TRACE);
			assertThat(span.context().parentId()).isEqualTo("00f067aa0ba902b7");
		});
	}

	@Test
	void aMessageDeliveredAloneStaysInTheContainersSpan() {
		// what the container's observation makes of a message's own traceparent
		Span delivery = this.propagator
			.extract(Map.of(TraceContexts.TRACEPARENT, "00-" + TRACE + "-00f067aa0ba902b7-01"), Map::get)
			.name("receive")
			.start();

		try (Tracer.SpanInScope scope = this.tracer.withSpan(delivery)) {
			this.listener.invokeListener(null, message("00-" + TRACE + "-00f067aa0ba902b7-01"));
		}
		delivery.end();

		assertThat(this.seen).containsExactly(delivery);
	}

	@Test
	void aMessageWithoutATraceIsHandledAsItComes() {
		this.listener.invokeListener(null, message(null));

		assertThat(this.seen).containsExactly((Span) null);
	}

	private Listener advised(Listener target) {
		ProxyFactory factory = new ProxyFactory(target);
		factory.addInterface(Listener.class);
		factory.addAdvice(new BundledMessageTraces(this.traces));
		return (Listener) factory.getProxy();
	}

	private static Message message(String traceParent) {
		MessageProperties properties = new MessageProperties();
		properties.setConsumerQueue("inventory.stock-commands");
		if (traceParent != null) {
			properties.setHeader(TraceContexts.TRACEPARENT, traceParent);
		}
		return new Message("{}".getBytes(), properties);
	}

	/** The shape of the container's delegate that listener advice wraps. */
	interface Listener {

		void invokeListener(com.rabbitmq.client.Channel channel, Object data);

	}

}
