package io.stockflow.inventory.reservation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.MessageJson;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.RemoveItem;
import io.stockflow.contracts.inventory.StockChanged;
import io.stockflow.contracts.order.OrderLine;
import io.stockflow.contracts.order.ReleaseStock;
import io.stockflow.contracts.order.ReserveStock;
import io.stockflow.contracts.order.StockRejected;
import io.stockflow.contracts.order.StockReleased;
import io.stockflow.contracts.order.StockReserved;
import io.stockflow.inventory.support.InventoryTestClient;
import io.stockflow.messaging.listener.ParkingRecoverer;
import io.stockflow.testing.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reservations for orders: all or nothing, never oversold, released exactly once. */
@SpringBootTest
class ReservationsIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("inventory-reservations");

	static final Actor ORDER_SERVICE = Actor.service("order-service");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
	}

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RabbitListenerEndpointRegistry listeners;

	InventoryTestClient inventory() {
		return new InventoryTestClient(this.rabbit, this.jdbc);
	}

	@Test
	void reservesEveryLineFromTheLocationsWithMostStockFirstSplittingWhenNeeded() {
		inventory().sendAndAwait(RoutingKeys.ITEM_ADD, InventoryTestClient.item("RES-1", 3, 5));
		inventory().sendAndAwait(RoutingKeys.ITEM_ADD, InventoryTestClient.item("RES-2", 10));
		UUID order = UUID.randomUUID();

		reserve(order, new OrderLine("RES-1", 7), new OrderLine("RES-2", 1));

		StockReserved reserved = (StockReserved) reply(order);
		assertThat(reserved.lines()).hasSize(2);
		assertThat(reserved.lines().get(0).allocations()).extracting((a) -> a.location() + ":" + a.quantity())
			.containsExactly("del-2:5", "blr-1:2");
		assertThat(reserved.lines().get(0).unitPrice()).isEqualByComparingTo("99.50");
		assertThat(inventory().level("RES-1", "blr-1")).isEqualTo(1);
		assertThat(inventory().level("RES-1", "del-2")).isZero();
		assertThat(inventory().level("RES-2", "blr-1")).isEqualTo(9);
		assertThat(this.jdbc.sql("select count(*) from stock_ledger where kind = 'RESERVED' and order_id = ?")
			.param(order)
			.query(Integer.class)
			.single()).isEqualTo(3);
	}

	@Test
	void aShortLineRejectsTheWholeOrderAndTakesNothing() {
		inventory().sendAndAwait(RoutingKeys.ITEM_ADD, InventoryTestClient.item("RES-3", 4));
		inventory().sendAndAwait(RoutingKeys.ITEM_ADD, InventoryTestClient.item("RES-4", 1));
		UUID order = UUID.randomUUID();

		reserve(order, new OrderLine("RES-3", 2), new OrderLine("RES-4", 3));

		assertThat(reply(order)).isEqualTo(new StockRejected(order, "RES-4", 3, 1, "only 1 of RES-4 available"));
		assertThat(inventory().level("RES-3", "blr-1")).isEqualTo(4);
		assertThat(inventory().level("RES-4", "blr-1")).isEqualTo(1);
	}

	@Test
	void unknownAndRemovedItemsAreRejectedWithTheReason() {
		inventory().sendAndAwait(RoutingKeys.ITEM_ADD, InventoryTestClient.item("RES-GONE", 4));
		inventory().sendAndAwait(RoutingKeys.ITEM_REMOVE, new RemoveItem("RES-GONE"));
		UUID unknown = UUID.randomUUID();
		UUID removed = UUID.randomUUID();

		reserve(unknown, new OrderLine("RES-NOPE", 1));
		reserve(removed, new OrderLine("RES-GONE", 1));

		assertThat(((StockRejected) reply(unknown)).reason()).isEqualTo("no item RES-NOPE");
		assertThat(((StockRejected) reply(removed)).reason()).isEqualTo("item RES-GONE is no longer sold");
	}

	@Test
	void releaseGivesBackWhatWasTakenOnlyOnce() {
		inventory().sendAndAwait(RoutingKeys.ITEM_ADD, InventoryTestClient.item("RES-5", 6, 2));
		UUID order = UUID.randomUUID();
		reserve(order, new OrderLine("RES-5", 7));
		reply(order);

		send(RoutingKeys.RESERVATION_RELEASE, new ReleaseStock(order));
		await().until(() -> released(order).size() == 1);
		send(RoutingKeys.RESERVATION_RELEASE, new ReleaseStock(order));
		await().until(() -> released(order).size() == 2);

		assertThat(released(order)).extracting(StockReleased::units).containsExactly(7, 0);
		assertThat(inventory().level("RES-5", "blr-1")).isEqualTo(6);
		assertThat(inventory().level("RES-5", "del-2")).isEqualTo(2);
	}

	@Test
	void aFlashSaleNeverOversells() throws Exception {
		inventory().sendAndAwait(RoutingKeys.ITEM_ADD, InventoryTestClient.item("FLASH-1", 30, 20));
		List<UUID> orders = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			orders.add(UUID.randomUUID());
		}

		try (ExecutorService customers = Executors.newFixedThreadPool(10)) {
			orders.forEach((order) -> customers.submit(() -> reserve(order, new OrderLine("FLASH-1", 1))));
		}

		await().atMost(Duration.ofSeconds(120)).until(() -> replies(orders) == 200);
		assertThat(count("select count(*) from outbox where type = 'StockReserved'", "FLASH-1")).isEqualTo(50);
		assertThat(count("select count(*) from outbox where type = 'StockRejected'", "FLASH-1")).isEqualTo(150);
		assertThat(inventory().level("FLASH-1", "blr-1") + inventory().level("FLASH-1", "del-2")).isZero();
		assertThat(this.jdbc.sql("select coalesce(sum(quantity), 0) from reservation where sku = 'FLASH-1'")
			.query(Integer.class)
			.single()).isEqualTo(50);
	}

	@Test
	void reservationsThatArriveTogetherAreTakenInOneTransactionPerConsumer() {
		inventory().sendAndAwait(RoutingKeys.ITEM_ADD, InventoryTestClient.item("BATCH-1", 10));
		List<Envelope<ReserveStock>> reservations = new ArrayList<>();
		for (int i = 0; i < 15; i++) {
			reservations.add(Envelope.first(UUID.randomUUID(), ORDER_SERVICE,
					new ReserveStock(UUID.randomUUID(), List.of(new OrderLine("BATCH-1", 1)))));
		}

		whileStopped(() -> reservations
			.forEach((r) -> this.rabbit.convertAndSend(Exchanges.COMMANDS, RoutingKeys.RESERVATION_RESERVE, r)));

		List<UUID> orders = reservations.stream().map((r) -> r.payload().orderId()).toList();
		await().atMost(Duration.ofSeconds(30)).until(() -> replies(orders) == 15);
		assertThat(count("select count(*) from outbox where type = 'StockReserved'", "BATCH-1")).isEqualTo(10);
		assertThat(count("select count(*) from outbox where type = 'StockRejected'", "BATCH-1")).isEqualTo(5);
		assertThat(inventory().level("BATCH-1", "blr-1")).isZero();
		assertThat(this.jdbc.sql("select count(distinct xmin::text) from inbox where message_id = any(?)")
			.param(reservations.stream().map(Envelope::messageId).toArray(UUID[]::new))
			.query(Integer.class)
			.single()).as("transactions for 15 reservations taken by at most 2 consumers").isLessThanOrEqualTo(2);
	}

	/**
	 * A batch changes its rows in memory and writes them at its end: whatever batches the
	 * two consumers make of these messages, the level, the ledger, the versions carried
	 * by {@code StockChanged}, the reservations and the low-stock alerts agree with each
	 * other as if every change had been written as it happened.
	 */
	@Test
	void aBatchOnOneSkuKeepsLevelsLedgerVersionsAndAlertsInStep() {
		inventory().sendAndAwait(RoutingKeys.ITEM_ADD, InventoryTestClient.item("BATCH-3", 6, 4));
		UUID a = UUID.randomUUID();
		List<UUID> orders = List.of(a, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

		whileStopped(() -> {
			reserve(a, new OrderLine("BATCH-3", 3));
			reserve(orders.get(1), new OrderLine("BATCH-3", 3));
			send(RoutingKeys.RESERVATION_RELEASE, new ReleaseStock(a));
			reserve(orders.get(2), new OrderLine("BATCH-3", 3));
			reserve(orders.get(3), new OrderLine("BATCH-3", 3));
		});

		await().atMost(Duration.ofSeconds(30)).until(() -> replies(orders) == 4 && released(a).size() == 1);
		int held = this.jdbc.sql("select coalesce(sum(quantity), 0) from reservation where sku = ? and not released")
			.param("BATCH-3")
			.query(Integer.class)
			.single();
		int level = inventory().level("BATCH-3", "blr-1") + inventory().level("BATCH-3", "del-2");
		assertThat(level).as("what is left is what reservations do not hold").isEqualTo(10 - held);
		for (String location : List.of("blr-1", "del-2")) {
			List<int[]> ledger = this.jdbc
				.sql("select before, after from stock_ledger where sku = ? and location = ? order by id")
				.params("BATCH-3", location)
				.query((rs, row) -> new int[] { rs.getInt("before"), rs.getInt("after") })
				.list();
			for (int i = 1; i < ledger.size(); i++) {
				assertThat(ledger.get(i)[0]).as("entry %d of %s starts where the one before ended", i, location)
					.isEqualTo(ledger.get(i - 1)[1]);
			}
			assertThat(ledger.get(ledger.size() - 1)[1]).isEqualTo(inventory().level("BATCH-3", location));
			assertThat(this.jdbc.sql("select version from stock where sku = ? and location = ?")
				.params("BATCH-3", location)
				.query(Long.class)
				.single()).as("one version per change of %s", location).isEqualTo(ledger.size());
			List<StockChanged> changed = this.jdbc.sql("""
					select body from outbox where type = 'StockChanged'
					and convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'sku' = ?
					and convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'location' = ? order by id
					""")
				.params("BATCH-3", location)
				.query(byte[].class)
				.list()
				.stream()
				.map((b) -> (StockChanged) MessageJson.read(b).payload())
				.filter((c) -> !c.kind().equals("ITEM_ADDED"))
				.toList();
			assertThat(changed).extracting(StockChanged::version)
				.as("each change of %s announced with the version it wrote, in order", location)
				.containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(2, ledger.size()).boxed().toList());
			assertThat(changed).extracting(StockChanged::available)
				.containsExactlyElementsOf(ledger.stream().skip(1).map((e) -> e[1]).toList());
		}
		List<String> alerts = this.jdbc.sql("""
				select type from outbox where type in ('LowStock', 'StockReplenished')
				and convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'sku' = ? order by id
				""").param("BATCH-3").query(String.class).list();
		assertThat(alerts).as("crossings alternate and end low").isNotEmpty().endsWith("LowStock");
		for (int i = 0; i < alerts.size(); i++) {
			assertThat(alerts.get(i)).isEqualTo((i % 2 == 0) ? "LowStock" : "StockReplenished");
		}
	}

	@Test
	void aBadMessageInABatchIsParkedAndTheOthersAreStillReserved() {
		inventory().sendAndAwait(RoutingKeys.ITEM_ADD, InventoryTestClient.item("BATCH-2", 10));
		List<UUID> orders = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
		Envelope<ReserveStock> forged = Envelope.first(UUID.randomUUID(), new Actor("mallory", List.of("CUSTOMER")),
				new ReserveStock(UUID.randomUUID(), List.of(new OrderLine("BATCH-2", 5))));

		whileStopped(() -> {
			reserve(orders.get(0), new OrderLine("BATCH-2", 2));
			reserve(orders.get(1), new OrderLine("BATCH-2", 2));
			this.rabbit.convertAndSend(Exchanges.COMMANDS, RoutingKeys.RESERVATION_RESERVE, forged);
			reserve(orders.get(2), new OrderLine("BATCH-2", 2));
			reserve(orders.get(3), new OrderLine("BATCH-2", 2));
		});

		await().atMost(Duration.ofSeconds(30)).until(() -> replies(orders) == 4);
		assertThat(count("select count(*) from outbox where type = 'StockReserved'", "BATCH-2")).isEqualTo(4);
		assertThat(inventory().level("BATCH-2", "blr-1")).isEqualTo(2);
		Message parked = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.rabbit.receive(Queues.parked(Queues.INVENTORY_RESERVATIONS), 1000),
					(m) -> m != null && forged.messageId().toString().equals(m.getMessageProperties().getMessageId()));
		assertThat((String) parked.getMessageProperties().getHeader(ParkingRecoverer.REASON))
			.isEqualTo("actor mallory lacks role SERVICE required for ReserveStock");
	}

	@Test
	void aReservationSentByACustomerIsParked() {
		Envelope<ReserveStock> forged = Envelope.first(UUID.randomUUID(), new Actor("mallory", List.of("CUSTOMER")),
				new ReserveStock(UUID.randomUUID(), List.of(new OrderLine("RES-1", 1))));

		this.rabbit.convertAndSend(Exchanges.COMMANDS, RoutingKeys.RESERVATION_RESERVE, forged);

		Message parked = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.rabbit.receive(Queues.parked(Queues.INVENTORY_RESERVATIONS), 1000),
					(m) -> m != null && forged.messageId().toString().equals(m.getMessageProperties().getMessageId()));
		assertThat((String) parked.getMessageProperties().getHeader(ParkingRecoverer.REASON))
			.isEqualTo("actor mallory lacks role SERVICE required for ReserveStock");
	}

	/** Sends while the consumers are stopped, so that the messages arrive together. */
	private void whileStopped(Runnable send) {
		MessageListenerContainer container = this.listeners.getListenerContainer(ReservationsListener.ID);
		container.stop();
		try {
			send.run();
		}
		finally {
			container.start();
		}
	}

	private void reserve(UUID order, OrderLine... lines) {
		send(RoutingKeys.RESERVATION_RESERVE, new ReserveStock(order, List.of(lines)));
	}

	private void send(String routingKey, Object payload) {
		this.rabbit.convertAndSend(Exchanges.COMMANDS, routingKey,
				Envelope.first(UUID.randomUUID(), ORDER_SERVICE, payload));
	}

	private Object reply(UUID order) {
		byte[] body = await().atMost(Duration.ofSeconds(30)).until(() -> this.jdbc.sql("""
				select body from outbox where type in ('StockReserved', 'StockRejected')
				and convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'orderId' = ?
				""").param(order.toString()).query(byte[].class).optional().orElse(null), (b) -> b != null);
		return MessageJson.read(body).payload();
	}

	private List<StockReleased> released(UUID order) {
		return this.jdbc.sql("""
				select body from outbox where type = 'StockReleased'
				and convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'orderId' = ? order by id
				""")
			.param(order.toString())
			.query(byte[].class)
			.list()
			.stream()
			.map((b) -> (StockReleased) MessageJson.read(b).payload())
			.toList();
	}

	private int replies(List<UUID> orders) {
		return this.jdbc.sql("""
				select count(*) from outbox where type in ('StockReserved', 'StockRejected')
				and (convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'orderId')::uuid = any(?)
				""").param(orders.toArray(UUID[]::new)).query(Integer.class).single();
	}

	private int count(String sql, String sku) {
		return this.jdbc.sql(sql + " and convert_from(body, 'UTF8') like ?")
			.param("%" + sku + "%")
			.query(Integer.class)
			.single();
	}

}
