package io.stockflow.catalog.rebuild;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
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
import io.stockflow.messaging.EnvelopeMessageConverter;
import io.stockflow.messaging.MessageBundles;
import io.stockflow.testing.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read model dropped and rebuilt from the event log equals the live one, bundles of
 * events included.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CatalogRebuildIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("catalogrebuild");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
	}

	static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EnvelopeMessageConverter converter;

	@LocalServerPort
	int port;

	@Test
	void rebuildsAModelEqualToTheLiveOneFromTheEventLog() {
		int published = publishAMixOfEvents();
		this.rabbit.send(Exchanges.EVENTS, RoutingKeys.ITEM_ADDED, unsigned());
		publish(RoutingKeys.ITEM_ADDED, added("MARK", 1, 1));
		await().atMost(Duration.ofSeconds(30)).until(() -> status("/items/MARK") == 200);
		// two consumers take the queue: MARK may be applied before events published ahead
		// of
		// it, so wait until every event's inbox row (written with its change) is there
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.sql("select count(*) from inbox where consumer = ?")
				.param(Queues.CATALOG_ITEM_EVENTS)
				.query(Integer.class)
				.single() >= published + 1);
		List<Map<String, Object>> live = snapshot();

		Map<String, Object> report = client().post().uri("/admin/rebuild").retrieve().body(JSON_OBJECT);

		assertThat(snapshot()).isEqualTo(live);
		assertThat(((Number) report.get("replayed")).intValue()).isGreaterThanOrEqualTo(published + 1);
		assertThat(report).containsEntry("skipped", 1).containsEntry("items", 20).containsKey("tookMillis");
		publish(RoutingKeys.ITEM_UPDATED, new ItemUpdated("MARK", "Titan", "After", "x", BigDecimal.ONE, null, 2));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "After".equals(client().get().uri("/items/MARK").retrieve().body(JSON_OBJECT).get("model")));
	}

	private int publishAMixOfEvents() {
		List<Runnable> events = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String sku = "RB-" + i;
			int n = i;
			events.add(() -> publish(RoutingKeys.ITEM_ADDED, added(sku, 1, n)));
			// as the outbox relay sends a transaction's stock changes: one bundle
			events.add(() -> publishBundle(RoutingKeys.STOCK_CHANGED, stock(sku, "blr-1", 3, 3),
					stock(sku, "blr-1", 4, 2), stock(sku, "pun-9", 7, 1)));
			events.add(() -> publish(RoutingKeys.ITEM_UPDATED,
					new ItemUpdated(sku, "Brand" + (n % 3), "Model " + n, "Rebuilt", BigDecimal.valueOf(n), null, 2)));
			events.add(() -> publish(RoutingKeys.STOCK_LOW, new LowStock(sku, 1, 2)));
		}
		events.add(() -> publish(RoutingKeys.ITEM_REMOVED, new ItemRemoved("RB-7", 3)));
		events.add(() -> publish(RoutingKeys.ITEM_REMOVED, new ItemRemoved("RB-8", 3)));
		events.add(() -> publish(RoutingKeys.ITEM_ADDED, added("RB-8", 4, 9)));
		events.forEach(Runnable::run);
		return events.size() + 20 * 2;
	}

	private List<Map<String, Object>> snapshot() {
		List<Map<String, Object>> rows = new ArrayList<>(this.jdbc.sql("""
				select sku, brand, model, description, price, image_url, available, locations::text, version, deleted
				from catalog_item order by sku""").query().listOfRows());
		rows.addAll(this.jdbc.sql("select * from catalog_stock order by sku, location").query().listOfRows());
		return rows;
	}

	private int status(String uri) {
		return client().get().uri(uri).exchange((req, res) -> res.getStatusCode().value());
	}

	private RestClient client() {
		return RestClient.create("http://127.0.0.1:" + this.port);
	}

	private void publish(String routingKey, Object event) {
		this.rabbit.convertAndSend(Exchanges.EVENTS, routingKey,
				Envelope.first(UUID.randomUUID(), Actor.service("inventory-service"), event));
	}

	private void publishBundle(String routingKey, Object... events) {
		List<Message> messages = new ArrayList<>();
		for (Object event : events) {
			messages.add(this.converter.toMessage(
					Envelope.first(UUID.randomUUID(), Actor.service("inventory-service"), event),
					new MessageProperties()));
		}
		this.rabbit.send(Exchanges.EVENTS, routingKey, new MessageBundles().bundle(messages));
	}

	private static Message unsigned() {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		return new Message("{\"forged\":true}".getBytes(), properties);
	}

	private static ItemAdded added(String sku, long version, int quantity) {
		return new ItemAdded(sku, "Titan", "Edge", "A watch", BigDecimal.TEN, null,
				List.of(new StockLevel("blr-1", quantity), new StockLevel("del-2", 1)), version);
	}

	private static StockChanged stock(String sku, String location, int available, long version) {
		return new StockChanged(sku, location, available, 0, "SET", version, null);
	}

}
