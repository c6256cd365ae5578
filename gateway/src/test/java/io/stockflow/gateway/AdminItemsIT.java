package io.stockflow.gateway;

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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.AddItem;
import io.stockflow.contracts.outcome.CommandApplied;
import io.stockflow.contracts.outcome.CommandRejected;
import io.stockflow.testing.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The admin item API against the real broker and database, with real tokens. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "stockflow.gateway.admin.username=root-admin",
				"stockflow.gateway.admin.password=correct-horse-1",
				"stockflow.gateway.jwt.secret=0123456789abcdef0123456789abcdef-test" })
class AdminItemsIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("gateway-items");

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	RabbitTemplate rabbit;

	@Test
	void adminCommandIsQueuedAsPendingAndSettledByItsOutcome() {
		String token = token("root-admin", "correct-horse-1");

		ResponseEntity<Map<String, Object>> accepted = post("/api/admin/items", token, item("GW-1"));

		assertThat(accepted.getStatusCode().value()).isEqualTo(202);
		String statusUrl = (String) accepted.getBody().get("statusUrl");
		assertThat(accepted.getHeaders().getLocation()).hasToString(statusUrl);
		assertThat(get(statusUrl, token)).containsEntry("status", "PENDING").containsEntry("sku", "GW-1");
		Envelope<?> sent = await().atMost(Duration.ofSeconds(20))
			.until(() -> (Envelope<?>) this.rabbit.receiveAndConvert(Queues.INVENTORY_ITEM_COMMANDS, 1000),
					(e) -> e != null && e.payload() instanceof AddItem add && add.sku().equals("GW-1"));
		assertThat(sent.actor()).isEqualTo(new Actor("root-admin", List.of("ADMIN")));
		assertThat(sent.messageId()).hasToString((String) accepted.getBody().get("commandId"));

		this.rabbit.convertAndSend(Exchanges.EVENTS, RoutingKeys.COMMAND_APPLIED, sent
			.causing(Actor.service("inventory-service"), new CommandApplied(sent.messageId(), "AddItem", "GW-1")));

		await().atMost(Duration.ofSeconds(20)).until(() -> "APPLIED".equals(get(statusUrl, token).get("status")));
	}

	@Test
	void rejectedCommandShowsItsReason() {
		String token = token("root-admin", "correct-horse-1");
		String statusUrl = (String) post("/api/admin/items", token, item("GW-2")).getBody().get("statusUrl");
		UUID commandId = UUID.fromString(statusUrl.substring(statusUrl.lastIndexOf('/') + 1));

		this.rabbit.convertAndSend(Exchanges.EVENTS, RoutingKeys.COMMAND_REJECTED,
				Envelope.first(UUID.randomUUID(), Actor.service("inventory-service"),
						new CommandRejected(commandId, "AddItem", "GW-2", "sku GW-2 exists")));

		await().atMost(Duration.ofSeconds(20)).until(() -> "REJECTED".equals(get(statusUrl, token).get("status")));
		assertThat(get(statusUrl, token)).containsEntry("reason", "sku GW-2 exists");
	}

	@Test
	void invalidFieldsAreNamedInAProblem() {
		String token = token("root-admin", "correct-horse-1");
		Map<String, Object> bad = Map.of("sku", "has space", "brand", "", "model", "M", "price", "-1", "stock",
				List.of(Map.of("location", "BLR", "quantity", -5)));

		ResponseEntity<Map<String, Object>> response = post("/api/admin/items", token, bad);

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
		List<Object> fields = ((List<?>) response.getBody().get("errors")).stream()
			.map((e) -> (Object) ((Map<?, ?>) e).get("field"))
			.toList();
		assertThat(fields).contains("sku", "brand", "price", "stock[0].location", "stock[0].quantity");
	}

	@Test
	void malformedJsonIsABadRequest() {
		String token = token("root-admin", "correct-horse-1");

		ResponseEntity<Map<String, Object>> response = post("/api/admin/items", token, "{\"sku\": ");

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody()).containsEntry("status", 400).doesNotContainKey("trace");
	}

	@Test
	void adminEndpointsNeedAToken() {
		ResponseEntity<Map<String, Object>> response = post("/api/admin/items", null, item("GW-3"));

		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
	}

	@Test
	void wrongPasswordGetsAGeneric401() {
		ResponseEntity<Map<String, Object>> wrong = post("/api/auth/token", null,
				Map.of("username", "root-admin", "password", "wrong-password"));
		ResponseEntity<Map<String, Object>> unknown = post("/api/auth/token", null,
				Map.of("username", "nobody-here", "password", "wrong-password"));

		assertThat(wrong.getStatusCode().value()).isEqualTo(401);
		assertThat(unknown.getStatusCode().value()).isEqualTo(401);
		assertThat(wrong.getBody().get("detail")).isEqualTo(unknown.getBody().get("detail"));
	}

	private String token(String username, String password) {
		ResponseEntity<Map<String, Object>> response = post("/api/auth/token", null,
				Map.of("username", username, "password", password));
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).containsEntry("tokenType", "Bearer");
		return (String) response.getBody().get("accessToken");
	}

	private ResponseEntity<Map<String, Object>> post(String path, String token, Object body) {
		return client().post().uri(path).headers((h) -> {
			if (token != null) {
				h.setBearerAuth(token);
			}
		})
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange((req, res) -> ResponseEntity.status(res.getStatusCode())
				.headers(res.getHeaders())
				.body(res.bodyTo(JSON)));
	}

	private Map<String, Object> get(String path, String token) {
		return client().get().uri(path).headers((h) -> h.setBearerAuth(token)).retrieve().body(JSON);
	}

	private RestClient client() {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://127.0.0.1:" + this.port)
			.build();
	}

	private static Map<String, Object> item(String sku) {
		return Map.of("sku", sku, "brand", "Titan", "model", "Edge", "description", "Slim", "price", 249.99, "stock",
				List.of(Map.of("location", "blr-1", "quantity", 40)));
	}

}
