package io.stockflow.gateway.order;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.order.OrderStatusChanged;
import io.stockflow.messaging.EnvelopeMessageConverter;
import io.stockflow.messaging.MessagingSettings;

/**
 * This instance's own queue of order status changes ({@code gateway.live.<id>}:
 * exclusive, deleted with the connection) feeding the open status streams. Live updates
 * only: a change that arrives while no one watches is simply not shown (a stream starts
 * with the order's state as order-service has it), and an unreadable one is dropped.
 */
@Configuration(proxyBeanMethods = false)
class OrderStatusListener {

	private static final Logger log = LoggerFactory.getLogger(OrderStatusListener.class);

	private final OrderStatusStream stream;

	private final EnvelopeMessageConverter converter;

	OrderStatusListener(OrderStatusStream stream, EnvelopeMessageConverter converter) {
		this.stream = stream;
		this.converter = converter;
	}

	@Bean
	Queue orderLiveQueue() {
		return new Queue(LiveQueue.NAME, false, true, true);
	}

	@Bean
	Binding orderLiveBinding(Queue orderLiveQueue) {
		return BindingBuilder.bind(orderLiveQueue)
			.to(new TopicExchange(Exchanges.EVENTS))
			.with(RoutingKeys.ORDER_STATUS_CHANGED);
	}

	/**
	 * Takes the changes in batches (a change waits at most the batch's gathering time,
	 * {@code stockflow.messaging.batch.max-wait}), and reads them only when a stream is
	 * open on this instance: every order's change comes here, and most are watched by no
	 * one.
	 */
	@RabbitListener(queues = "#{T(io.stockflow.gateway.order.LiveQueue).NAME}",
			containerFactory = MessagingSettings.BATCH_LISTENER_FACTORY)
	void on(List<Message> messages) {
		if (!this.stream.watched()) {
			return;
		}
		for (Message message : messages) {
			Envelope<?> envelope;
			try {
				envelope = this.converter.fromMessage(message);
			}
			catch (RuntimeException ex) {
				log.warn("Ignored an unreadable message on {}: {}", LiveQueue.NAME, ex.toString());
				continue;
			}
			if (envelope.payload() instanceof OrderStatusChanged change) {
				this.stream.publish(change);
			}
		}
	}

}
