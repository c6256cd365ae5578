package io.stockflow.gateway.order;

import java.util.UUID;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.order.OrderStatusChanged;

/**
 * This instance's own queue of order status changes ({@code gateway.live.<id>}:
 * exclusive, deleted with the connection) feeding the open status streams. Live updates
 * only: a change that arrives while no one watches is simply not shown; the order's state
 * is in order-service.
 */
@Configuration(proxyBeanMethods = false)
class OrderStatusListener {

	static final String LIVE_QUEUE = Queues.GATEWAY_LIVE_PREFIX + UUID.randomUUID();

	private final OrderStatusStream stream;

	OrderStatusListener(OrderStatusStream stream) {
		this.stream = stream;
	}

	@Bean
	Declarables orderLiveQueue() {
		Queue queue = new Queue(LIVE_QUEUE, false, true, true);
		Binding binding = BindingBuilder.bind(queue)
			.to(new TopicExchange(Exchanges.EVENTS))
			.with(RoutingKeys.ORDER_STATUS_CHANGED);
		return new Declarables(queue, binding);
	}

	@RabbitListener(queues = "#{T(io.stockflow.gateway.order.OrderStatusListener).LIVE_QUEUE}")
	void on(Envelope<?> message) {
		if (message.payload() instanceof OrderStatusChanged change) {
			this.stream.publish(change);
		}
	}

}
