package io.stockflow.gateway.order;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
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

	private final OrderStatusStream stream;

	OrderStatusListener(OrderStatusStream stream) {
		this.stream = stream;
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

	@RabbitListener(queues = "#{T(io.stockflow.gateway.order.LiveQueue).NAME}")
	void on(Envelope<?> message) {
		if (message.payload() instanceof OrderStatusChanged change) {
			this.stream.publish(change);
		}
	}

}
