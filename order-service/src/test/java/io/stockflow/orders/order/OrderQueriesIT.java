package io.stockflow.orders.order;

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
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.order.OrderLine;
import io.stockflow.contracts.order.PlaceOrder;
import io.stockflow.contracts.order.StockRejected;
import io.stockflow.orders.support.OrderTestClient;
import io.stockflow.testing.IsolatedInfrastructure;

import static io.stockflow.orders.support.OrderTestClient.BEN;
import static org.assertj.core.api.Assertions.assertThat;

/** The internal order reads the gateway uses: one order, pages, counts by status. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrderQueriesIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("orders-queries");

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

	@Test
	void readsOrdersTheirTimelinesPagesAndCounts() {
		OrderTestClient orders = new OrderTestClient(this.rabbit, this.jdbc);
		UUID confirmed = orders.placed();
		orders.fromInventory(RoutingKeys.RESERVATION_RESERVED, OrderTestClient.reserved(confirmed));
		orders.awaitStatus(confirmed, "CONFIRMED");
		UUID rejected = orders.placed();
		orders.fromInventory(RoutingKeys.RESERVATION_REJECTED,
				new StockRejected(rejected, "B-2", 2, 0, "B-2 is sold out"));
		orders.awaitStatus(rejected, "REJECTED");
		UUID pending = orders.placed();
		UUID bens = orders.place(BEN, new PlaceOrder(UUID.randomUUID(), "ben", List.of(new OrderLine("C-3", 4))))
			.payload()
			.orderId();
		orders.awaitStatus(bens, "PENDING");

		Map<String, Object> details = get("/orders/" + confirmed);
		Map<String, Object> rejection = get("/orders/" + rejected);
		Map<String, Object> ashas = get("/orders?customer=asha&size=2");
		Map<String, Object> everyone = get("/orders");
		Map<String, Object> stats = get("/orders/stats");

		assertThat(details).containsEntry("orderId", confirmed.toString())
			.containsEntry("customer", "asha")
			.containsEntry("status", "CONFIRMED")
			.containsEntry("total", "270.19")
			.doesNotContainKey("rejection")
			.containsKeys("createdAt", "updatedAt");
		assertThat(list(details.get("lines"))).containsExactly(
				Map.of("sku", "A-1", "quantity", 1, "unitPrice", "249.99"),
				Map.of("sku", "B-2", "quantity", 2, "unitPrice", "10.10"));
		assertThat(list(details.get("timeline"))).extracting((e) -> (Object) ((Map<?, ?>) e).get("kind"))
			.containsExactly("placed", "reservation-requested", "reserved", "confirmed");
		assertThat(rejection).containsEntry("status", "REJECTED")
			.containsEntry("rejection",
					Map.of("sku", "B-2", "requested", 2, "available", 0, "reason", "B-2 is sold out"));
		assertThat(ashas).containsEntry("total", 3).containsEntry("size", 2).containsEntry("page", 0);
		assertThat(list(ashas.get("items"))).extracting((o) -> (Object) ((Map<?, ?>) o).get("orderId"))
			.containsExactly(pending.toString(), rejected.toString());
		assertThat(everyone).containsEntry("total", 4);
		assertThat(stats).isEqualTo(Map.of("pending", 2, "confirmed", 1, "rejected", 1, "cancelled", 0));
	}

	@Test
	void answersAnUnknownOrderWithAProblem() {
		ResponseEntity<String> response = http().get()
			.uri("/orders/" + UUID.randomUUID())
			.exchange((request, answer) -> ResponseEntity.status(answer.getStatusCode())
				.headers(answer.getHeaders())
				.body(new String(answer.getBody().readAllBytes())));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(404));
		assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(response.getBody()).contains("\"status\":404");
	}

	@Test
	void refusesAnOversizedPage() {
		HttpStatusCode status = http().get()
			.uri("/orders?size=500")
			.exchange((request, answer) -> answer.getStatusCode());

		assertThat(status.value()).isEqualTo(400);
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object json) {
		return (List<Object>) json;
	}

	private Map<String, Object> get(String path) {
		return http().get().uri(path).retrieve().body(JSON);
	}

	private RestClient http() {
		return RestClient.create("http://127.0.0.1:" + this.port);
	}

}
