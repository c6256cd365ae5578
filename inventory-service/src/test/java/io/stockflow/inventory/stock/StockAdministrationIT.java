package io.stockflow.inventory.stock;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.ChangeStock;
import io.stockflow.contracts.inventory.RemoveItem;
import io.stockflow.contracts.inventory.UpdateItem;
import io.stockflow.inventory.support.InventoryTestClient;
import io.stockflow.testing.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stock and item administration through the real broker into the real database. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "stockflow.inventory.low-stock-threshold=5")
class StockAdministrationIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("inventory-stock");

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
	}

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	InventoryTestClient inventory() {
		return new InventoryTestClient(this.rabbit, this.jdbc);
	}

	@Test
	void setsAndAdjustsStockWithTheLedgerAndEvents() {
		InventoryTestClient inventory = inventory();
		inventory.sendAndAwait(RoutingKeys.ITEM_ADD, InventoryTestClient.item("STK-1", 10, 3));

		String set = inventory.sendAndAwait(RoutingKeys.STOCK_CHANGE,
				new ChangeStock("STK-1", "blr-1", 25, null, "recount", "cycle count"));
		String adjusted = inventory.sendAndAwait(RoutingKeys.STOCK_CHANGE,
				new ChangeStock("STK-1", "del-2", null, -2, "damaged", null));
		String newLocation = inventory.sendAndAwait(RoutingKeys.STOCK_CHANGE,
				new ChangeStock("STK-1", "hyd-3", 7, null, "received", null));

		assertThat(List.of(set, adjusted, newLocation)).containsOnly("CommandApplied");
		assertThat(inventory.level("STK-1", "blr-1")).isEqualTo(25);
		assertThat(inventory.level("STK-1", "del-2")).isEqualTo(1);
		assertThat(inventory.level("STK-1", "hyd-3")).isEqualTo(7);
		assertThat(inventory.ledgerEntries("STK-1")).isEqualTo(5);
		assertThat(inventory.events("StockChanged", "STK-1")).isEqualTo(3);
		Map<String, Object> history = http().get().uri("/items/STK-1/history").retrieve().body(JSON);
		assertThat(history).containsEntry("total", 5);
		@SuppressWarnings("unchecked")
		Map<String, Object> newest = (Map<String, Object>) ((List<?>) history.get("items")).get(0);
		assertThat(newest).containsEntry("kind", "SET")
			.containsEntry("location", "hyd-3")
			.containsEntry("before", 0)
			.containsEntry("after", 7)
			.containsEntry("actor", "admin")
			.containsEntry("reason", "received");
	}

	@Test
	void rejectsWhatWouldGoBelowZeroOrConcernsNoItemAndChangesNothing() {
		InventoryTestClient inventory = inventory();
		inventory.sendAndAwait(RoutingKeys.ITEM_ADD, InventoryTestClient.item("STK-2", 2));
		inventory.sendAndAwait(RoutingKeys.ITEM_ADD, InventoryTestClient.item("STK-2-GONE", 2));
		inventory.sendAndAwait(RoutingKeys.ITEM_REMOVE, new RemoveItem("STK-2-GONE"));

		var belowZero = inventory.send(RoutingKeys.STOCK_CHANGE,
				new ChangeStock("STK-2", "blr-1", null, -3, "damaged", null));
		var unknown = inventory.send(RoutingKeys.STOCK_CHANGE,
				new ChangeStock("NOPE", "blr-1", 1, null, "recount", null));
		var removed = inventory.send(RoutingKeys.STOCK_CHANGE,
				new ChangeStock("STK-2-GONE", "blr-1", 1, null, "recount", null));
		var noLocation = inventory.send(RoutingKeys.STOCK_CHANGE,
				new ChangeStock("STK-2", "zzz-9", null, 1, "received", null));

		await().until(() -> !inventory.outcome(noLocation).isEmpty());
		assertThat(inventory.reason(belowZero))
			.isEqualTo("stock of STK-2 at blr-1 would be -1 (available 2, delta -3)");
		assertThat(inventory.reason(unknown)).isEqualTo("no item NOPE");
		assertThat(inventory.reason(removed)).isEqualTo("item STK-2-GONE was removed");
		assertThat(inventory.reason(noLocation)).isEqualTo("no stock of STK-2 at zzz-9");
		assertThat(inventory.level("STK-2", "blr-1")).isEqualTo(2);
		assertThat(inventory.ledgerEntries("STK-2")).isEqualTo(1);
	}

	@Test
	void announcesLowStockOnceWhenCrossingAndReplenishedWhenBackAbove() {
		InventoryTestClient inventory = inventory();
		inventory.sendAndAwait(RoutingKeys.ITEM_ADD, InventoryTestClient.item("STK-3", 8));

		inventory.sendAndAwait(RoutingKeys.STOCK_CHANGE, new ChangeStock("STK-3", "blr-1", null, -3, "damaged", null));
		inventory.sendAndAwait(RoutingKeys.STOCK_CHANGE, new ChangeStock("STK-3", "blr-1", null, -1, "damaged", null));
		inventory.sendAndAwait(RoutingKeys.STOCK_CHANGE, new ChangeStock("STK-3", "blr-1", 20, null, "received", null));

		assertThat(inventory.events("LowStock", "STK-3")).isEqualTo(1);
		assertThat(inventory.events("StockReplenished", "STK-3")).isEqualTo(1);
	}

	@Test
	void editsDetailsOptimisticallyAndRemovesKeepingHistory() {
		InventoryTestClient inventory = inventory();
		inventory.sendAndAwait(RoutingKeys.ITEM_ADD, InventoryTestClient.item("STK-4", 9));

		String first = inventory.sendAndAwait(RoutingKeys.ITEM_UPDATE,
				new UpdateItem("STK-4", "Titan", "Edge 2", "", new BigDecimal("120"), null, null, 1L));
		var stale = inventory.send(RoutingKeys.ITEM_UPDATE,
				new UpdateItem("STK-4", "Titan", "Edge 3", "", new BigDecimal("130"), null, null, 1L));
		await().until(() -> !inventory.outcome(stale).isEmpty());
		String removed = inventory.sendAndAwait(RoutingKeys.ITEM_REMOVE, new RemoveItem("STK-4"));

		assertThat(first).isEqualTo("CommandApplied");
		assertThat(inventory.reason(stale)).startsWith("item STK-4 is at version 2, not 1");
		assertThat(removed).isEqualTo("CommandApplied");
		assertThat(this.jdbc.sql("select model || ' ' || version || ' ' || deleted from item where sku = 'STK-4'")
			.query(String.class)
			.single()).isEqualTo("Edge 2 3 true");
		assertThat(inventory.events("ItemRemoved", "STK-4")).isEqualTo(1);
		List<?> history = (List<?>) http().get().uri("/items/STK-4/history").retrieve().body(JSON).get("items");
		assertThat(((Map<?, ?>) history.get(0)).get("kind")).isEqualTo("ITEM_REMOVED");
	}

	@Test
	void aThousandConcurrentDeltasOnOneSkuAddUpExactly() throws Exception {
		InventoryTestClient inventory = inventory();
		inventory.sendAndAwait(RoutingKeys.ITEM_ADD, InventoryTestClient.item("HOT-1", 5000));
		AtomicInteger sum = new AtomicInteger();
		List<Integer> deltas = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			deltas.add(ThreadLocalRandom.current().nextInt(-5, 10));
		}

		try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
			for (int delta : deltas) {
				senders.submit(() -> {
					inventory.send(RoutingKeys.STOCK_CHANGE,
							new ChangeStock("HOT-1", "blr-1", null, delta, "correction", null));
					sum.addAndGet(delta);
				});
			}
		}

		await().atMost(java.time.Duration.ofSeconds(120)).until(() -> inventory.ledgerEntries("HOT-1") == 1001);
		assertThat(inventory.level("HOT-1", "blr-1")).isEqualTo(5000 + sum.get());
		Map<String, Object> verification = http().get().uri("/ledger/verify").retrieve().body(JSON);
		assertThat((List<?>) verification.get("drift")).isEmpty();
	}

	private RestClient http() {
		return RestClient.create("http://127.0.0.1:" + this.port);
	}

}
