package io.stockflow.catalog.item;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.ItemAdded;
import io.stockflow.contracts.inventory.ItemRemoved;
import io.stockflow.contracts.inventory.ItemUpdated;
import io.stockflow.contracts.inventory.LowStock;
import io.stockflow.contracts.inventory.StockChanged;
import io.stockflow.contracts.inventory.StockLevel;
import io.stockflow.testing.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Inventory events through the real broker into the read model, read back over HTTP.
 * Events of one test are consumed in the order published, so publishing them out of order
 * delivers them out of order.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CatalogProjectionIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("catalog");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
	}

	static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	CatalogProjection projection;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RabbitListenerEndpointRegistry listeners;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ItemCache cache;

	@LocalServerPort
	int port;

	@Test
	void projectsAnAddedItemWithItsAvailabilityPerLocation() {
		publish(added("PROJ-1", "Titan", "249.9", 1, 40, 2));

		Map<String, Object> item = await().atMost(Duration.ofSeconds(20)).until(() -> item("PROJ-1"), (i) -> i != null);

		assertThat(item).containsEntry("price", "249.90")
			.containsEntry("available", 42)
			.containsEntry("brand", "Titan")
			.containsEntry("version", 1);
		assertThat((List<?>) item.get("locations")).hasSize(2);
	}

	@Test
	void ignoresAnOlderOrRepeatedVersion() {
		publish(added("PROJ-2", "Titan", "10", 2, 5, 5));
		await().atMost(Duration.ofSeconds(20)).until(() -> item("PROJ-2"), (i) -> i != null);

		publish(added("PROJ-2", "Casio", "11", 1, 0, 0));
		publish(added("PROJ-3", "Casio", "1", 1, 1, 1));
		await().atMost(Duration.ofSeconds(20)).until(() -> item("PROJ-3"), (i) -> i != null);

		assertThat(item("PROJ-2")).containsEntry("brand", "Titan").containsEntry("available", 10);
	}

	@Test
	void projectsUpdatedDetailsAndChangedStock() {
		publish(added("UPD-1", "Titan", "10", 1, 5, 5));

		publish(updated("UPD-1", "Titan", "Edge Pro", 2));
		publish(changed("UPD-1", "blr-1", 2, 2));
		publish(changed("UPD-1", "pun-3", 7, 1));

		// the update and the stock changes may be applied by different consumers in any
		// order: the end state of both is awaited
		Map<String, Object> item = awaitItem("UPD-1",
				(i) -> ((List<?>) i.get("locations")).size() == 3 && "Edge Pro".equals(i.get("model")));
		assertThat(item).containsEntry("model", "Edge Pro").containsEntry("version", 2).containsEntry("available", 14);
		assertThat((List<Object>) item.get("locations")).containsExactly(Map.of("location", "blr-1", "available", 2),
				Map.of("location", "del-2", "available", 5), Map.of("location", "pun-3", "available", 7));
	}

	@Test
	void keepsTheNewestOfOutOfOrderAndRepeatedEvents() {
		publish(added("OOO-1", "Titan", "10", 1, 5, 5));
		publish(changed("OOO-1", "blr-1", 30, 3));
		publish(changed("OOO-1", "blr-1", 20, 2));
		publish(changed("OOO-1", "blr-1", 30, 3));
		publish(updated("OOO-1", "Titan", "Third", 3));
		publish(updated("OOO-1", "Titan", "Second", 2));

		publish(added("OOO-MARK", "Titan", "1", 1, 0, 0));
		awaitItem("OOO-MARK", (i) -> true);

		assertThat(item("OOO-1")).containsEntry("model", "Third")
			.containsEntry("version", 3)
			.containsEntry("available", 35);
	}

	@Test
	void showsStockThatCameBeforeItsItemOnceTheItemArrives() {
		publish(changed("EARLY-1", "blr-1", 9, 2));
		publish(updated("EARLY-2", "Casio", "Updated first", 2));

		publish(added("EARLY-1", "Casio", "10", 1, 5, 1));
		publish(added("EARLY-2", "Casio", "10", 1, 5, 1));

		assertThat(awaitItem("EARLY-1", (i) -> true)).containsEntry("available", 10);
		assertThat(awaitItem("EARLY-2", (i) -> true)).containsEntry("model", "Updated first")
			.containsEntry("version", 2)
			.containsEntry("available", 6);
	}

	@Test
	void answers404AndOmitsARemovedItemUntilANewerAddReAddsIt() {
		publish(added("GONE-1", "Gone", "10", 1, 1, 1));
		awaitItem("GONE-1", (i) -> true);

		publish(remove("GONE-1", 2));
		await().atMost(Duration.ofSeconds(20)).until(() -> status("/items/GONE-1") == 404);

		assertThat(skus("/items?brand=Gone")).isEmpty();
		assertThat(this.client().get().uri("/brands").retrieve().body(String.class)).doesNotContain("Gone");
		publish(added("GONE-1", "Gone", "12", 3, 4, 0));
		assertThat(awaitItem("GONE-1", (i) -> true)).containsEntry("version", 3).containsEntry("price", "12.00");
	}

	@Test
	void aRemovalBeforeItsAddKeepsTheItemRemoved() {
		publish(remove("LATE-ADD", 2));
		publish(added("LATE-ADD", "Gone", "10", 1, 1, 1));
		publish(added("LATE-MARK", "Marker", "10", 1, 1, 1));
		awaitItem("LATE-MARK", (i) -> true);

		assertThat(status("/items/LATE-ADD")).isEqualTo(404);
	}

	@Test
	void aRemovedItemsRowIsTheSameWhateverOrderItsEventsCameIn() {
		this.projection.apply(added("TOMB-1", "Titan", "10", 1, 1, 1));
		this.projection.apply(updated("TOMB-1", "Titan", "Edge 2", 2));
		this.projection.apply(remove("TOMB-1", 3));
		this.projection.apply(remove("TOMB-2", 3));
		this.projection.apply(added("TOMB-2", "Titan", "10", 1, 1, 1));
		this.projection.apply(updated("TOMB-2", "Titan", "Edge 2", 2));

		assertThat(tombstone("TOMB-1")).isEqualTo(tombstone("TOMB-2"))
			.containsEntry("deleted", true)
			.containsEntry("version", 3L);
	}

	@Test
	void eventsAppliedTogetherEndAsIfAppliedOneByOne() {
		List<Object> events = together("TOG-A");

		this.transactions.executeWithoutResult((status) -> {
			this.projection.lockAll(List.of("TOG-A-1", "TOG-A-2", "TOG-A-3"));
			events.forEach(this.projection::apply);
		});

		// written through to Redis together after the commit (before any read could offer
		// them)
		assertThat(this.cache.get("TOG-A-1")).hasValueSatisfying((e) -> assertThat(e.item().available()).isEqualTo(7));
		assertThat(this.cache.get("TOG-A-2"))
			.hasValueSatisfying((e) -> assertThat(e.item().model()).isEqualTo("Bare 2"));
		assertThat(this.cache.get("TOG-A-3")).hasValueSatisfying((e) -> assertThat(e.item().available()).isEqualTo(82));
		assertTogether("TOG-A");
	}

	@Test
	void eventsThatArriveTogetherAtTheConsumersEndAsIfAppliedOneByOne() {
		List<Object> events = together("TOG-B");
		MessageListenerContainer live = this.listeners.getListenerContainer(CatalogProjection.LIVE_LISTENER_ID);
		live.stop();
		try {
			// one channel, so the queue holds them in this order
			this.rabbit.invoke((channel) -> {
				events.forEach(this::publish);
				return null;
			});
		}
		finally {
			live.start();
		}

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertTogether("TOG-B"));
	}

	/**
	 * Stock before its item, older and repeated levels, an item without locations
	 * updated, a hot location changed twenty times.
	 */
	private static List<Object> together(String prefix) {
		List<Object> events = new ArrayList<>();
		events.add(changed(prefix + "-1", "blr-1", 7, 4));
		events.add(added(prefix + "-1", "Titan", "10", 1, 5, 5));
		events.add(changed(prefix + "-1", "blr-1", 3, 3));
		events.add(changed(prefix + "-1", "del-2", 1, 2));
		events.add(changed(prefix + "-1", "del-2", 0, 3));
		events.add(changed(prefix + "-1", "del-2", 1, 2));
		events.add(new ItemAdded(prefix + "-2", "Casio", "Bare", "", BigDecimal.ONE, null, List.of(), 1));
		events.add(updated(prefix + "-2", "Casio", "Bare 2", 2));
		events.add(added(prefix + "-3", "Titan", "10", 1, 1, 1));
		for (int version = 1; version <= 20; version++) {
			events.add(changed(prefix + "-3", "pun-3", 100 - version, version));
		}
		events.add(changed(prefix + "-3", "pun-3", 99, 1));
		return events;
	}

	private void assertTogether(String prefix) {
		Map<String, Object> first = item(prefix + "-1");
		assertThat(first).containsEntry("available", 7);
		assertThat((List<Object>) first.get("locations")).containsExactly(Map.of("location", "blr-1", "available", 7),
				Map.of("location", "del-2", "available", 0));
		assertThat(item(prefix + "-2")).containsEntry("model", "Bare 2")
			.containsEntry("version", 2)
			.containsEntry("available", 0)
			.containsEntry("locations", List.of());
		Map<String, Object> hot = item(prefix + "-3");
		assertThat(hot).containsEntry("available", 82);
		assertThat((List<Object>) hot.get("locations")).contains(Map.of("location", "pun-3", "available", 80));
		assertThat(this.jdbc.sql("select version from catalog_stock where sku = ? and location = 'pun-3'")
			.param(prefix + "-3")
			.query(Long.class)
			.single()).isEqualTo(20);
	}

	private Map<String, Object> tombstone(String sku) {
		return this.jdbc.sql("""
				select brand, model, description, price, image_url, version, deleted from catalog_item where sku = ?
				""").param(sku).query().singleRow();
	}

	@Test
	void acknowledgesStockAlertsWithoutParkingThem() {
		publish(new LowStock("ALERT-1", 1, 5), RoutingKeys.STOCK_LOW);

		publish(added("ALERT-MARK", "Titan", "1", 1, 0, 0));
		awaitItem("ALERT-MARK", (i) -> true);

		assertThat(this.rabbit.receive(Queues.parked(Queues.CATALOG_ITEM_EVENTS))).isNull();
	}

	@Test
	void listsAPageFilteredByBrandAndPrice() {
		publish(added("LIST-1", "Zeta", "5.00", 1, 1, 0));
		publish(added("LIST-2", "Zeta", "50.00", 1, 0, 0));
		publish(added("LIST-3", "Zeta", "500.00", 1, 3, 0));
		await().atMost(Duration.ofSeconds(20)).until(() -> item("LIST-3"), (i) -> i != null);

		Map<String, Object> page = client().get()
			.uri("/items?brand=Zeta&minPrice=10&inStock=true&sort=price,desc")
			.retrieve()
			.body(JSON_OBJECT);

		assertThat(page).containsEntry("total", 1).containsEntry("page", 0).containsEntry("size", 20);
		assertThat(skus("/items?brand=Zeta&minPrice=10&inStock=true&sort=price,desc")).containsExactly("LIST-3");
	}

	@Test
	void answersProblemDetailsForUnknownSkuAndBadPaging() {
		int missing = status("/items/NOPE");
		int tooBig = status("/items?size=201");

		assertThat(missing).isEqualTo(404);
		assertThat(tooBig).isEqualTo(400);
	}

	private Map<String, Object> awaitItem(String sku, Predicate<Map<String, Object>> condition) {
		return await().atMost(Duration.ofSeconds(20)).until(() -> item(sku), (i) -> i != null && condition.test(i));
	}

	private Map<String, Object> item(String sku) {
		return client().get()
			.uri("/items/{sku}", sku)
			.exchange((req, res) -> res.getStatusCode().is2xxSuccessful() ? res.bodyTo(JSON_OBJECT) : null);
	}

	private List<Object> skus(String uri) {
		Map<String, Object> page = client().get().uri(uri).retrieve().body(JSON_OBJECT);
		return ((List<?>) page.get("items")).stream().map((i) -> (Object) ((Map<?, ?>) i).get("sku")).toList();
	}

	private int status(String uri) {
		HttpStatusCode status = client().get().uri(uri).exchange((req, res) -> res.getStatusCode());
		return status.value();
	}

	private RestClient client() {
		return RestClient.create("http://127.0.0.1:" + this.port);
	}

	private void publish(ItemAdded event) {
		publish(event, RoutingKeys.ITEM_ADDED);
	}

	private void publish(ItemUpdated event) {
		publish(event, RoutingKeys.ITEM_UPDATED);
	}

	private void publish(ItemRemoved event) {
		publish(event, RoutingKeys.ITEM_REMOVED);
	}

	private void publish(StockChanged event) {
		publish(event, RoutingKeys.STOCK_CHANGED);
	}

	private void publish(Object event) {
		switch (event) {
			case ItemAdded added -> publish(added);
			case ItemUpdated updated -> publish(updated);
			case ItemRemoved removed -> publish(removed);
			case StockChanged changed -> publish(changed);
			default -> throw new IllegalArgumentException(event.toString());
		}
	}

	private void publish(Object event, String routingKey) {
		this.rabbit.convertAndSend(Exchanges.EVENTS, routingKey,
				Envelope.first(UUID.randomUUID(), Actor.service("inventory-service"), event));
	}

	private static ItemAdded added(String sku, String brand, String price, long version, int first, int second) {
		return new ItemAdded(sku, brand, "Edge", "A watch", new BigDecimal(price), null,
				List.of(new StockLevel("blr-1", first), new StockLevel("del-2", second)), version);
	}

	private static ItemUpdated updated(String sku, String brand, String model, long version) {
		return new ItemUpdated(sku, brand, model, "A watch", new BigDecimal("10"), null, version);
	}

	private static ItemRemoved remove(String sku, long version) {
		return new ItemRemoved(sku, version);
	}

	private static StockChanged changed(String sku, String location, int available, long version) {
		return new StockChanged(sku, location, available, 0, "SET", version, null);
	}

}
