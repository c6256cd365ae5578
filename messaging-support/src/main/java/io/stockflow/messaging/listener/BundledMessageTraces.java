package io.stockflow.messaging.listener;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.amqp.core.Message;

import io.stockflow.messaging.observation.TraceContexts;

/**
 * Listener advice that handles a message unpacked from a bundle in a consumer span of its
 * own trace. The container's observation continues the trace of the delivery, and a
 * bundle's delivery carries none: without this, a bundled message's log lines and the
 * messages it sends would start a new trace. A message delivered alone is already in its
 * trace and passes through unchanged. Batch listeners need none of this:
 * {@link BatchDeliveries} opens a span per message itself.
 */
public class BundledMessageTraces implements MethodInterceptor {

	private final TraceContexts traces;

	public BundledMessageTraces(TraceContexts traces) {
		this.traces = traces;
	}

	/** Advises {@code invokeListener(Channel channel, Object data)}. */
	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		if (!(invocation.getArguments()[1] instanceof Message message)) {
			return invocation.proceed();
		}
		Object header = message.getMessageProperties().getHeader(TraceContexts.TRACEPARENT);
		String traceParent = (header != null) ? header.toString() : null;
		if (this.traces.isCurrent(traceParent)) {
			return invocation.proceed();
		}
		TraceContexts.Received span = this.traces.receive(traceParent,
				"receive " + message.getMessageProperties().getConsumerQueue());
		try {
			return span.call(invocation::proceed);
		}
		finally {
			span.end();
		}
	}

}
