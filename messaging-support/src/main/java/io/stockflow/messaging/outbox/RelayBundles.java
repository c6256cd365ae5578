package io.stockflow.messaging.outbox;

import java.util.ArrayList;
import java.util.List;

import org.springframework.amqp.core.Message;

import io.stockflow.messaging.EnvelopeMessageConverter;
import io.stockflow.messaging.MessageBundles;
import io.stockflow.messaging.observation.TraceContexts;

/**
 * How {@link OutboxRelay} turns a batch of rows into AMQP messages: runs of consecutive
 * rows for the same exchange and routing key, each sent as one {@link MessageBundles
 * bundle} (a row alone as itself), every row with its own producer span and trace
 * headers.
 */
final class RelayBundles {

	/** Most bytes of bodies in one bundle: far below the broker's message size limit. */
	private static final int BUNDLE_BYTES = 512 * 1024;

	private final MessageBundles bundles = new MessageBundles();

	private final EnvelopeMessageConverter converter;

	private final TraceContexts traces;

	private final int bundleSize;

	RelayBundles(EnvelopeMessageConverter converter, TraceContexts traces, int bundleSize) {
		this.converter = converter;
		this.traces = traces;
		this.bundleSize = bundleSize;
	}

	/**
	 * The batch cut into runs of consecutive rows for the same exchange and routing key,
	 * each at most {@code bundleSize} rows and (unless a row alone is larger)
	 * {@value #BUNDLE_BYTES} bytes of bodies.
	 */
	List<List<OutboxRelay.Row>> runs(List<OutboxRelay.Row> rows) {
		List<List<OutboxRelay.Row>> runs = new ArrayList<>();
		List<OutboxRelay.Row> run = null;
		int bytes = 0;
		for (OutboxRelay.Row row : rows) {
			if (run == null || run.size() >= this.bundleSize || bytes + row.body().length > BUNDLE_BYTES
					|| !row.exchange().equals(run.get(0).exchange())
					|| !row.routingKey().equals(run.get(0).routingKey())) {
				run = new ArrayList<>();
				runs.add(run);
				bytes = 0;
			}
			run.add(row);
			bytes += row.body().length;
		}
		return runs;
	}

	/**
	 * A run's message: a row alone as it is, several as a bundle. Each row gets its own
	 * producer span and the headers that carry it.
	 */
	Message message(List<OutboxRelay.Row> run) {
		List<Message> messages = new ArrayList<>(run.size());
		for (OutboxRelay.Row row : run) {
			this.traces.continueTrace(row.traceParent(), "publish " + row.routingKey(), (traceHeaders) -> {
				Message message = this.converter.message(row.messageId(), row.type(), row.correlationId(), row.body());
				traceHeaders.forEach(message.getMessageProperties()::setHeader);
				messages.add(message);
			});
		}
		return (messages.size() == 1) ? messages.get(0) : this.bundles.bundle(messages);
	}

}
