package io.stockflow.orders.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.order.OrderLine;
import io.stockflow.contracts.order.PlaceOrder;
import io.stockflow.contracts.order.StockRejected;
import io.stockflow.contracts.order.StockReleased;
import io.stockflow.contracts.order.StockReserved;
import io.stockflow.messaging.listener.ParkingRecoverer;
import io.stockflow.orders.support.OrderTestClient;
import io.stockflow.testing.IsolatedInfrastructure;

import static io.stockflow.orders.support.OrderTestClient.ADMIN;
import static io.stockflow.orders.support.OrderTestClient.ASHA;
import static io.stockflow.orders.support.OrderTestClient.BEN;
import static io.stockflow.orders.support.OrderTestClient.INVENTORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order saga through the real broker into the real database, inventory played by the
 * test.
 */
@SpringBootTest
class OrderSagaIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("orders-saga");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
	}

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	RabbitListenerEndpointRegistry listeners;

	OrderTestClient orders() {
		return new OrderTestClient(this.rabbit, this.jdbc);
	}

	@Test
	void placesAnOrderPendingAndAsksInventoryToReserveIt() {
		OrderTestClient orders = orders();

		Envelope<PlaceOrder> place = orders.place();

		UUID id = place.payload().orderId();
		orders.awaitStatus(id, "PENDING");
		assertThat(orders.sent("ReserveStock", id)).isOne();
		assertThat(orders.announced(id)).isEmpty();
		assertThat(orders.timeline(id)).containsExactly("placed", "reservation-requested");
		assertThat(this.jdbc
			.sql("select string_agg(sku || ':' || quantity, ',' order by line_no) from order_line "
					+ "where order_id = ?")
			.param(id)
			.query(String.class)
			.single()).isEqualTo("A-1:1,B-2:2");
	}

	@Test
	void confirmsAReservedOrderAtTheReservedPricesWithItsTotal() {
		OrderTestClient orders = orders();
		UUID id = orders.placed();

		orders.fromInventory(RoutingKeys.RESERVATION_RESERVED, OrderTestClient.reserved(id));

		orders.awaitStatus(id, "CONFIRMED");
		assertThat(this.jdbc.sql("select total::text from customer_order where id = ?")
			.param(id)
			.query(String.class)
			.single()).isEqualTo("270.19");
		assertThat(this.jdbc.sql("""
				select string_agg(sku || '@' || unit_price || ' ' || allocations::text, ';' order by line_no)
				from order_line where order_id = ?
				""").param(id).query(String.class).single())
			.isEqualTo("A-1@249.99 [{\"location\": \"blr-1\", \"quantity\": 1}];"
					+ "B-2@10.10 [{\"location\": \"blr-1\", \"quantity\": 1}, {\"location\": \"del-2\", \"quantity\": 1}]");
		assertThat(orders.announced(id)).containsExactly("CONFIRMED");
		assertThat(orders.timeline(id)).containsExactly("placed", "reservation-requested", "reserved", "confirmed");
		assertThat(this.meters.get("stockflow.order.latency").tag("status", "CONFIRMED").timer().count()).isPositive();
	}

	@Test
	void rejectsAnOrderWithTheShortLineAndItsReason() {
		OrderTestClient orders = orders();
		UUID id = orders.placed();

		orders.fromInventory(RoutingKeys.RESERVATION_REJECTED,
				new StockRejected(id, "B-2", 2, 1, "only 1 of B-2 available"));

		orders.awaitStatus(id, "REJECTED");
		assertThat(this.jdbc.sql("""
				select rejected_sku || ' ' || rejected_requested || ' ' || rejected_available || ' ' || rejected_reason
				from customer_order where id = ?
				""").param(id).query(String.class).single()).isEqualTo("B-2 2 1 only 1 of B-2 available");
		assertThat(orders.announced(id)).containsExactly("REJECTED");
		assertThat(orders.timeline(id)).endsWith("rejected");
	}

	@Test
	void theSameOrderSentTwiceIsOneOrder() {
		OrderTestClient orders = orders();
		Envelope<PlaceOrder> first = orders.place();
		UUID id = first.payload().orderId();
		orders.awaitStatus(id, "PENDING");

		Envelope<PlaceOrder> again = orders.place(ASHA, first.payload());
		Envelope<PlaceOrder> marker = orders.place();
		orders.awaitStatus(marker.payload().orderId(), "PENDING");

		assertThat(again.messageId()).isNotEqualTo(first.messageId());
		assertThat(this.jdbc.sql("select count(*) from inbox where message_id = ?")
			.param(again.messageId())
			.query(Integer.class)
			.single()).isOne();
		assertThat(this.jdbc.sql("select count(*) from order_line where order_id = ?")
			.param(id)
			.query(Integer.class)
			.single()).isEqualTo(2);
		assertThat(orders.sent("ReserveStock", id)).isOne();
		assertThat(orders.timeline(id)).containsExactly("placed", "reservation-requested");
	}

	/**
	 * Commands and answers that arrive together are applied together (an order's rows are
	 * written once per batch), each with its own effect.
	 */
	@Test
	void messagesThatArriveTogetherAreAppliedTogetherEachWithItsOwnEffect() {
		OrderTestClient orders = orders();
		List<PlaceOrder> placed = new ArrayList<>();
		whileStopped(Queues.ORDERS_ORDER_COMMANDS, () -> {
			for (int i = 0; i < 5; i++) {
				placed.add(orders.place().payload());
			}
			orders.place(ASHA, placed.get(0));
		});
		List<UUID> ids = placed.stream().map(PlaceOrder::orderId).toList();
		ids.forEach((id) -> orders.awaitStatus(id, "PENDING"));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> ids.stream().allMatch((id) -> orders.sent("ReserveStock", id) == 1));
		for (UUID id : ids) {
			assertThat(orders.timeline(id)).containsExactly("placed", "reservation-requested");
		}
		assertThat(transactions("customer_order", "id", ids)).as("5 orders placed by at most 2 consumers")
			.isLessThanOrEqualTo(2);

		whileStopped(Queues.ORDERS_RESERVATION_EVENTS, () -> {
			orders.fromInventory(RoutingKeys.RESERVATION_RESERVED, OrderTestClient.reserved(ids.get(0)));
			orders.fromInventory(RoutingKeys.RESERVATION_RESERVED, OrderTestClient.reserved(ids.get(1)));
			orders.fromInventory(RoutingKeys.RESERVATION_RESERVED, OrderTestClient.reserved(ids.get(1)));
			orders.fromInventory(RoutingKeys.RESERVATION_REJECTED,
					new StockRejected(ids.get(2), "B-2", 2, 1, "only 1 of B-2 available"));
			orders.fromInventory(RoutingKeys.RESERVATION_RESERVED, OrderTestClient.reserved(ids.get(3)));
		});

		for (UUID id : List.of(ids.get(0), ids.get(1), ids.get(3))) {
			orders.awaitStatus(id, "CONFIRMED");
			assertThat(this.jdbc.sql("select total::text from customer_order where id = ?")
				.param(id)
				.query(String.class)
				.single()).isEqualTo("270.19");
			assertThat(this.jdbc
				.sql("select string_agg(sku || '@' || unit_price, ';' order by line_no) "
						+ "from order_line where order_id = ?")
				.param(id)
				.query(String.class)
				.single()).isEqualTo("A-1@249.99;B-2@10.10");
			assertThat(orders.announced(id)).containsExactly("CONFIRMED");
			assertThat(orders.timeline(id)).containsExactly("placed", "reservation-requested", "reserved", "confirmed");
		}
		orders.awaitStatus(ids.get(2), "REJECTED");
		assertThat(this.jdbc.sql("select rejected_sku || ' ' || rejected_reason from customer_order where id = ?")
			.param(ids.get(2))
			.query(String.class)
			.single()).isEqualTo("B-2 only 1 of B-2 available");
		assertThat(orders.timeline(ids.get(2))).containsExactly("placed", "reservation-requested", "rejected");
		assertThat(orders.status(ids.get(4))).isEqualTo("PENDING");
		assertThat(transactions("customer_order", "id", ids.subList(0, 4)))
			.as("4 orders decided by at most 2 consumers")
			.isLessThanOrEqualTo(2);
	}

	private int transactions(String table, String column, List<UUID> ids) {
		return this.jdbc.sql("select count(distinct xmin::text) from " + table + " where " + column + " = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query(Integer.class)
			.single();
	}

	/**
	 * Sends while the queue's consumers are stopped, so that the messages arrive
	 * together.
	 */
	private void whileStopped(String listener, Runnable send) {
		MessageListenerContainer container = this.listeners.getListenerContainer(listener);
		container.stop();
		try {
			send.run();
		}
		finally {
			container.start();
		}
	}

	@Test
	void aRedeliveredReservationHasNoSecondEffect() {
		OrderTestClient orders = orders();
		UUID id = orders.placed();
		Envelope<StockReserved> reserved = Envelope.first(UUID.randomUUID(), INVENTORY, OrderTestClient.reserved(id));
		orders.send(Exchanges.EVENTS, RoutingKeys.RESERVATION_RESERVED, reserved);
		orders.awaitStatus(id, "CONFIRMED");
		double duplicates = duplicates();

		orders.send(Exchanges.EVENTS, RoutingKeys.RESERVATION_RESERVED, reserved);

		await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() > duplicates);
		assertThat(orders.announced(id)).containsExactly("CONFIRMED");
		assertThat(orders.timeline(id)).containsExactly("placed", "reservation-requested", "reserved", "confirmed");
	}

	@Test
	void cancellingAConfirmedOrderReleasesItsStock() {
		OrderTestClient orders = orders();
		UUID id = orders.placed();
		orders.fromInventory(RoutingKeys.RESERVATION_RESERVED, OrderTestClient.reserved(id));
		orders.awaitStatus(id, "CONFIRMED");

		orders.cancel(ASHA, id);
		orders.awaitStatus(id, "CANCELLED");
		orders.fromInventory(RoutingKeys.RESERVATION_RELEASED, new StockReleased(id, 3));

		await().atMost(Duration.ofSeconds(30)).until(() -> orders.timeline(id).contains("released"));
		assertThat(orders.sent("ReleaseStock", id)).isOne();
		assertThat(orders.announced(id)).containsExactly("CONFIRMED", "CANCELLED");
		assertThat(orders.timeline(id)).containsSubsequence("confirmed", "cancel-requested", "cancelled",
				"release-requested", "released");
	}

	@Test
	void aReservationThatArrivesAfterTheCancelIsReleased() {
		OrderTestClient orders = orders();
		UUID id = orders.placed();
		orders.cancel(ADMIN, id);
		orders.awaitStatus(id, "CANCELLED");
		assertThat(orders.sent("ReleaseStock", id)).isZero();

		orders.fromInventory(RoutingKeys.RESERVATION_RESERVED, OrderTestClient.reserved(id));

		await().atMost(Duration.ofSeconds(30)).until(() -> orders.sent("ReleaseStock", id) == 1);
		assertThat(orders.status(id)).isEqualTo("CANCELLED");
		assertThat(orders.announced(id)).containsExactly("CANCELLED");
		assertThat(orders.timeline(id)).endsWith("cancelled", "reserved", "release-requested");
	}

	@Test
	void cancellingARejectedOrderChangesNothing() {
		OrderTestClient orders = orders();
		UUID id = orders.placed();
		orders.fromInventory(RoutingKeys.RESERVATION_REJECTED, new StockRejected(id, "A-1", 1, 0, "A-1 is sold out"));
		orders.awaitStatus(id, "REJECTED");

		orders.cancel(ASHA, id);

		await().atMost(Duration.ofSeconds(30)).until(() -> orders.timeline(id).contains("cancel-ignored"));
		assertThat(orders.status(id)).isEqualTo("REJECTED");
		assertThat(orders.sent("ReleaseStock", id)).isZero();
	}

	@Test
	void parksAnOrderPlacedForSomeoneElse() {
		OrderTestClient orders = orders();
		PlaceOrder forAsha = new PlaceOrder(UUID.randomUUID(), "asha", List.of(new OrderLine("A-1", 1)));

		Envelope<PlaceOrder> byBen = orders.place(BEN, forAsha);

		assertThat((String) orders.parked(Queues.ORDERS_ORDER_COMMANDS, byBen)
			.getMessageProperties()
			.getHeader(ParkingRecoverer.REASON)).isEqualTo("actor ben may not place an order for customer asha");
		assertThat(orders.status(forAsha.orderId())).isEmpty();
	}

	@Test
	void parksACancelOfSomeoneElsesOrder() {
		OrderTestClient orders = orders();
		UUID id = orders.placed();

		Envelope<?> byBen = orders.cancel(BEN, id);

		assertThat((String) orders.parked(Queues.ORDERS_ORDER_COMMANDS, byBen)
			.getMessageProperties()
			.getHeader(ParkingRecoverer.REASON)).isEqualTo("actor ben may not cancel an order of customer asha");
		assertThat(orders.status(id)).isEqualTo("PENDING");
	}

	@Test
	void parksAReservationAnswerSentByACustomer() {
		OrderTestClient orders = orders();
		UUID id = orders.placed();

		Envelope<StockReserved> forged = orders.send(Exchanges.EVENTS, RoutingKeys.RESERVATION_RESERVED,
				Envelope.first(UUID.randomUUID(), ASHA, OrderTestClient.reserved(id)));

		assertThat((String) orders.parked(Queues.ORDERS_RESERVATION_EVENTS, forged)
			.getMessageProperties()
			.getHeader(ParkingRecoverer.REASON)).isEqualTo("actor asha lacks role SERVICE required for StockReserved");
		assertThat(orders.status(id)).isEqualTo("PENDING");
	}

	@Test
	void parksAnOrderThatBreaksTheOrderRules() {
		OrderTestClient orders = orders();
		PlaceOrder twice = new PlaceOrder(UUID.randomUUID(), "asha",
				List.of(new OrderLine("A-1", 1), new OrderLine("A-1", 2)));

		Envelope<PlaceOrder> sent = orders.place(ASHA, twice);

		assertThat((String) orders.parked(Queues.ORDERS_ORDER_COMMANDS, sent)
			.getMessageProperties()
			.getHeader(ParkingRecoverer.REASON)).isEqualTo("order " + twice.orderId() + ": sku A-1 is listed twice");
	}

	private double duplicates() {
		return this.meters.find("stockflow.inbox.duplicates")
			.tag("queue", Queues.ORDERS_RESERVATION_EVENTS)
			.counters()
			.stream()
			.mapToDouble((c) -> c.count())
			.sum();
	}

}
