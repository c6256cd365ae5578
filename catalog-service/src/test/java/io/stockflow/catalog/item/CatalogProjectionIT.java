package io.stockflow.catalog.item;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.ItemAdded;
import io.stockflow.contracts.inventory.StockLevel;
import io.stockflow.testing.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Inventory events through the real broker into the read model, read back over HTTP. */
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
		List<Object> skus = ((List<?>) page.get("items")).stream()
			.map((i) -> (Object) ((Map<?, ?>) i).get("sku"))
			.toList();
		assertThat(skus).containsExactly("LIST-3");
	}

	@Test
	void answersProblemDetailsForUnknownSkuAndBadPaging() {
		HttpStatusCode missing = client().get().uri("/items/NOPE").exchange((req, res) -> res.getStatusCode());
		HttpStatusCode tooBig = client().get().uri("/items?size=201").exchange((req, res) -> res.getStatusCode());

		assertThat(missing.value()).isEqualTo(404);
		assertThat(tooBig.value()).isEqualTo(400);
	}

	private Map<String, Object> item(String sku) {
		return client().get()
			.uri("/items/{sku}", sku)
			.exchange((req, res) -> res.getStatusCode().is2xxSuccessful() ? res.bodyTo(JSON_OBJECT) : null);
	}

	private RestClient client() {
		return RestClient.create("http://127.0.0.1:" + this.port);
	}

	private void publish(ItemAdded event) {
		this.rabbit.convertAndSend(Exchanges.EVENTS, RoutingKeys.ITEM_ADDED,
				Envelope.first(UUID.randomUUID(), Actor.service("inventory-service"), event));
	}

	private static ItemAdded added(String sku, String brand, String price, long version, int first, int second) {
		return new ItemAdded(sku, brand, "Edge", "A watch", new BigDecimal(price), null,
				List.of(new StockLevel("blr-1", first), new StockLevel("del-2", second)), version);
	}

}
