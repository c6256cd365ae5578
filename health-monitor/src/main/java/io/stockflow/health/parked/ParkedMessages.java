package io.stockflow.health.parked;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;

import io.stockflow.health.broker.BrokerView;
import io.stockflow.health.broker.QueueState;

/**
 * The parking queues: counts, inspection, replay and discard, over a connection of its
 * own that lives for one operation. Messages are taken with {@code basic.get} and never
 * auto-acknowledged, so whatever the operation does not settle goes back to its queue
 * when the connection closes, also if the monitor dies. A replay publishes a copy to the
 * original queue with publisher confirms and {@code mandatory}, and acknowledges the
 * parked message only once the broker has confirmed the copy: at worst (a crash in
 * between) the message is both replayed and still parked, and the consumer's inbox
 * ignores the second delivery; it is never lost.
 */
public class ParkedMessages {

	/** Headers of the parking and dead-lettering, dropped from a replayed copy. */
	private static final Set<String> PARKING_HEADERS = Set.of("x-parked-reason", "x-original-queue", "x-parked-at",
			"x-exception-message", "x-exception-stacktrace", "x-original-exchange", "x-original-routingKey", "x-death",
			"x-first-death-reason", "x-first-death-queue", "x-first-death-exchange", "x-last-death-reason",
			"x-last-death-queue", "x-last-death-exchange", "x-delivery-count", "spring_listener_return_correlation",
			"spring_returned_message_correlation");

	/** At most this many messages are looked through to find one by id. */
	static final int SEARCH_LIMIT = 10_000;

	private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(ParkedMessages.class);

	private final ConnectionFactory rabbit;

	private final String connectionName;

	private final BrokerView broker;

	private final ReentrantLock oneAtATime = new ReentrantLock();

	public ParkedMessages(ConnectionFactory rabbit, String connectionName, BrokerView broker) {
		this.rabbit = rabbit;
		this.connectionName = connectionName;
		this.broker = broker;
	}

	/**
	 * @return every parking queue with its count, from the broker view's latest poll
	 */
	public List<ParkedQueue> queues() {
		return this.broker.current()
			.orElseThrow(() -> new ParkedMessageException(HttpStatus.SERVICE_UNAVAILABLE,
					"The broker's management API is unreachable right now."))
			.queues()
			.stream()
			.filter(QueueState::isParking)
			.map((q) -> new ParkedQueue(q.name(), q.ready() + q.unacked()))
			.sorted(Comparator.comparing(ParkedQueue::queue))
			.toList();
	}

	/**
	 * Looks at the first messages of a parking queue and leaves them there.
	 * @param queue the parking queue
	 * @param limit at most this many
	 * @return the messages
	 */
	public List<ParkedMessage> peek(String queue, int limit) {
		return withChannel(queue, (channel) -> {
			List<ParkedMessage> messages = new ArrayList<>();
			while (messages.size() < limit) {
				GetResponse got = next(channel, queue);
				if (got == null) {
					break;
				}
				messages.add(Parked.of(queue, got));
			}
			return messages;
		});
	}

	/**
	 * Sends a parked message back to its original queue.
	 * @param queue the parking queue
	 * @param messageId the message
	 * @return the queue it was sent to
	 */
	public String replay(String queue, String messageId) {
		return withChannel(queue, (channel) -> {
			GetResponse got = find(channel, queue, messageId);
			String target = Parked.of(queue, got).originalQueue();
			AtomicBoolean returned = new AtomicBoolean();
			channel.addReturnListener((r) -> returned.set(true));
			channel.confirmSelect();
			channel.basicPublish("", target, true, replayed(got.getProps(), queue), got.getBody());
			try {
				channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
			}
			catch (TimeoutException ex) {
				throw new ParkedMessageException(HttpStatus.SERVICE_UNAVAILABLE,
						"The broker did not confirm the replayed copy; the message stays parked.");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new ParkedMessageException(HttpStatus.SERVICE_UNAVAILABLE,
						"Interrupted while waiting for the broker; the message stays parked.");
			}
			if (returned.get()) {
				throw new ParkedMessageException(HttpStatus.CONFLICT,
						"Queue " + target + " does not exist; the message stays parked.");
			}
			channel.basicAck(got.getEnvelope().getDeliveryTag(), false);
			log.info("Replayed parked message {} from {} to {}", messageId, queue, target);
			return target;
		});
	}

	/**
	 * Drops a parked message for good.
	 * @param queue the parking queue
	 * @param messageId the message
	 */
	public void discard(String queue, String messageId) {
		withChannel(queue, (channel) -> {
			GetResponse got = find(channel, queue, messageId);
			channel.basicAck(got.getEnvelope().getDeliveryTag(), false);
			log.warn("Discarded parked message {} from {}: {}", messageId, queue, Parked.of(queue, got).reason());
			return null;
		});
	}

	private static GetResponse find(Channel channel, String queue, String messageId) throws IOException {
		for (int i = 0; i < SEARCH_LIMIT; i++) {
			GetResponse got = next(channel, queue);
			if (got == null) {
				break;
			}
			if (messageId.equals(got.getProps().getMessageId())) {
				return got;
			}
		}
		throw new ParkedMessageException(HttpStatus.NOT_FOUND, "No message " + messageId + " in " + queue + ".");
	}

	private static GetResponse next(Channel channel, String queue) throws IOException {
		return channel.basicGet(queue, false);
	}

	private static AMQP.BasicProperties replayed(AMQP.BasicProperties parked, String from) {
		Map<String, Object> headers = new HashMap<>();
		if (parked.getHeaders() != null) {
			parked.getHeaders().forEach((name, value) -> {
				if (!PARKING_HEADERS.contains(name)) {
					headers.put(name, value);
				}
			});
		}
		headers.put("x-replayed-from", from);
		headers.put("x-replayed-at", Instant.now().toString());
		return parked.builder().headers(headers).deliveryMode(2).build();
	}

	/**
	 * Runs one operation on a connection of its own, one operation at a time; closing it
	 * returns every message the operation did not acknowledge.
	 */
	private <T> T withChannel(String queue, ChannelWork<T> work) {
		this.oneAtATime.lock();
		try (Connection connection = this.rabbit.newConnection(this.connectionName)) {
			Channel channel = connection.createChannel();
			return work.on(channel);
		}
		catch (IOException ex) {
			if (String.valueOf(ex.getCause()).contains("NOT_FOUND")) {
				throw new ParkedMessageException(HttpStatus.NOT_FOUND, "No queue " + queue + ".");
			}
			throw unavailable(ex);
		}
		catch (TimeoutException | RuntimeException ex) {
			if (ex instanceof ParkedMessageException parked) {
				throw parked;
			}
			throw unavailable(ex);
		}
		finally {
			this.oneAtATime.unlock();
		}
	}

	private static ParkedMessageException unavailable(Exception ex) {
		log.warn("Parked-message operation failed: {}", ex.toString());
		return new ParkedMessageException(HttpStatus.SERVICE_UNAVAILABLE,
				"The broker cannot be reached right now; nothing was changed.");
	}

	@FunctionalInterface
	private interface ChannelWork<T> {

		T on(Channel channel) throws IOException;

	}

}
