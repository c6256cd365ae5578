package io.stockflow.orders.support;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.StockLevel;
import io.stockflow.contracts.order.CancelOrder;
import io.stockflow.contracts.order.OrderLine;
import io.stockflow.contracts.order.PlaceOrder;
import io.stockflow.contracts.order.ReservedLine;
import io.stockflow.contracts.order.StockReserved;

import static org.awaitility.Awaitility.await;

/**
 * Plays the gateway (order commands) and inventory-service (reservation answers) against
 * order-service through the real broker, and reads what it stored and sent.
 */
public class OrderTestClient {

	public static final Actor ASHA = new Actor("asha", List.of("CUSTOMER"));

	public static final Actor BEN = new Actor("ben", List.of("CUSTOMER"));

	public static final Actor ADMIN = new Actor("admin", List.of("ADMIN"));

	public static final Actor INVENTORY = Actor.service("inventory-service");

	private final RabbitTemplate rabbit;

	private final JdbcClient jdbc;

	public OrderTestClient(RabbitTemplate rabbit, JdbcClient jdbc) {
		this.rabbit = rabbit;
		this.jdbc = jdbc;
	}

	/**
	 * Places an order for asha, as asha: one unit of A-1, two of B-2.
	 * @return the command sent
	 */
	public Envelope<PlaceOrder> place() {
		return place(ASHA,
				new PlaceOrder(UUID.randomUUID(), "asha", List.of(new OrderLine("A-1", 1), new OrderLine("B-2", 2))));
	}

	public Envelope<PlaceOrder> place(Actor actor, PlaceOrder order) {
		return send(Exchanges.COMMANDS, RoutingKeys.ORDER_PLACE, Envelope.first(UUID.randomUUID(), actor, order));
	}

	/**
	 * Places asha's order and waits until it is stored.
	 * @return its id
	 */
	public UUID placed() {
		UUID id = place().payload().orderId();
		awaitStatus(id, "PENDING");
		return id;
	}

	public Envelope<CancelOrder> cancel(Actor actor, UUID orderId) {
		return send(Exchanges.COMMANDS, RoutingKeys.ORDER_CANCEL,
				Envelope.first(UUID.randomUUID(), actor, new CancelOrder(orderId)));
	}

	/**
	 * inventory-service's answer to {@link #place()}: A-1 at 249.99 from blr-1, B-2 at
	 * 10.10 split over two locations (total 270.19).
	 */
	public static StockReserved reserved(UUID orderId) {
		return new StockReserved(orderId,
				List.of(new ReservedLine("A-1", 1, new BigDecimal("249.99"), List.of(new StockLevel("blr-1", 1))),
						new ReservedLine("B-2", 2, new BigDecimal("10.10"),
								List.of(new StockLevel("blr-1", 1), new StockLevel("del-2", 1)))));
	}

	/**
	 * Sends an event as inventory-service would.
	 * @param routingKey its key on the events exchange
	 * @param event the event
	 * @return the envelope sent
	 */
	public Envelope<?> fromInventory(String routingKey, Object event) {
		return send(Exchanges.EVENTS, routingKey, Envelope.first(UUID.randomUUID(), INVENTORY, event));
	}

	public <T> Envelope<T> send(String exchange, String routingKey, Envelope<T> message) {
		this.rabbit.convertAndSend(exchange, routingKey, message);
		return message;
	}

	public String status(UUID orderId) {
		return this.jdbc.sql("select status from customer_order where id = ?")
			.param(orderId)
			.query(String.class)
			.optional()
			.orElse("");
	}

	public void awaitStatus(UUID orderId, String status) {
		await().atMost(Duration.ofSeconds(30)).until(() -> status(orderId), status::equals);
	}

	/**
	 * @return messages of a type about an order in the outbox (sent or to be sent)
	 */
	public int sent(String type, UUID orderId) {
		return this.jdbc.sql("""
				select count(*) from outbox
				where type = ? and convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'orderId' = ?
				""").params(type, orderId.toString()).query(Integer.class).single();
	}

	/**
	 * @return the statuses announced for an order, in order
	 */
	public List<String> announced(UUID orderId) {
		return this.jdbc.sql("""
				select convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'status' from outbox
				where type = 'OrderStatusChanged' and convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'orderId' = ?
				order by id
				""").param(orderId.toString()).query(String.class).list();
	}

	/**
	 * @return the kinds of an order's timeline, oldest first
	 */
	public List<String> timeline(UUID orderId) {
		return this.jdbc.sql("select kind from order_timeline where order_id = ? order by id")
			.param(orderId)
			.query(String.class)
			.list();
	}

	/**
	 * Waits for a message to arrive in a queue's parking queue.
	 * @param queue the consumer queue
	 * @param message the message
	 * @return the parked copy
	 */
	public Message parked(String queue, Envelope<?> message) {
		String id = message.messageId().toString();
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> this.rabbit.receive(Queues.parked(queue), 1000),
					(m) -> m != null && id.equals(m.getMessageProperties().getMessageId()));
	}

}
