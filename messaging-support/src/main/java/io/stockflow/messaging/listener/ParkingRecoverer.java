package io.stockflow.messaging.listener;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecovererWithConfirms;
import org.springframework.expression.common.LiteralExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;

import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.InvalidMessageException;

/**
 * Parks a message that failed for good: republishes it, with publisher confirms, to the
 * parking queue of the queue it came from ({@code <queue>.parked} through
 * {@link Exchanges#DEAD_LETTERS}), with the reason in its headers. Only once the broker
 * has confirmed the parked copy is the original acknowledged; if parking fails the
 * original is rejected and the queue's own dead-lettering parks it, so nothing is
 * dropped.
 */
public class ParkingRecoverer extends RepublishMessageRecovererWithConfirms {

	/** Why the message was parked, for people. */
	public static final String REASON = "x-parked-reason";

	/** The queue the message was taken from. */
	public static final String ORIGINAL_QUEUE = "x-original-queue";

	/** When it was parked, ISO-8601. */
	public static final String PARKED_AT = "x-parked-at";

	private static final Logger log = LoggerFactory.getLogger(ParkingRecoverer.class);

	private final MeterRegistry meters;

	public ParkingRecoverer(RabbitTemplate template) {
		this(template, new SimpleMeterRegistry());
	}

	/**
	 * @param template sends the parked copy
	 * @param meters counts parked messages, {@code stockflow.messages.parked{queue}}
	 */
	public ParkingRecoverer(RabbitTemplate template, MeterRegistry meters) {
		super(template, new LiteralExpression(Exchanges.DEAD_LETTERS),
				new SpelExpressionParser().parseExpression("messageProperties.consumerQueue + '.parked'"),
				ConfirmType.CORRELATED);
		includeStackTrace(false);
		this.meters = meters;
	}

	@Override
	protected Map<? extends String, ?> additionalHeaders(Message message, Throwable cause) {
		String reason = reasonOf(cause);
		log.error("Parking message {} from {}: {}", message.getMessageProperties().getMessageId(),
				message.getMessageProperties().getConsumerQueue(), reason, cause);
		Counter.builder("stockflow.messages.parked")
			.description("Messages this service parked (poison, or retries exhausted)")
			.tag("queue", String.valueOf(message.getMessageProperties().getConsumerQueue()))
			.register(this.meters)
			.increment();
		Map<String, Object> headers = new HashMap<>();
		headers.put(REASON, reason);
		headers.put(ORIGINAL_QUEUE, message.getMessageProperties().getConsumerQueue());
		headers.put(PARKED_AT, Instant.now().toString());
		return headers;
	}

	/**
	 * The message of the first {@link InvalidMessageException} in a failure's causes,
	 * else of its innermost cause: each names the actual problem rather than the listener
	 * plumbing around it.
	 * @param cause the failure
	 * @return a reason for people
	 */
	static String reasonOf(Throwable cause) {
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root && !(root instanceof InvalidMessageException)) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return (message.length() > 1000) ? message.substring(0, 1000) : message;
	}

}
