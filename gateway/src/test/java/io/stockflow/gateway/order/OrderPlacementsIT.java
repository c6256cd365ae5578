package io.stockflow.gateway.order;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import io.stockflow.testing.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Order placement through the gateway's group commit, against real PostgreSQL, RabbitMQ
 * and Redis and a stand-in catalog-service: placements that arrive together are stored in
 * shared transactions, each once; one key sent many times at once is one order, also when
 * some of its requests have other lines (those are refused); a reused key is refused
 * without undoing the placements stored with it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "stockflow.gateway.admin.username=boss", "stockflow.gateway.admin.password=boss-password-1",
				"stockflow.gateway.jwt.secret=0123456789abcdef0123456789abcdef-test" })
class OrderPlacementsIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("gateway-orders");

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	static final HttpServer catalog = standInCatalog();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
		registry.add("stockflow.gateway.catalog-url", () -> "http://127.0.0.1:" + catalog.getAddress().getPort());
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	String token;

	@AfterAll
	static void stopCatalog() {
		catalog.stop(0);
	}

	@BeforeEach
	void signIn() {
		String username = "buyer-" + UUID.randomUUID().toString().substring(0, 8);
		call("/api/auth/register", null, null, Map.of("username", username, "password", "buyer-secret-1"));
		this.token = (String) call("/api/auth/token", null, null,
				Map.of("username", username, "password", "buyer-secret-1"))
			.getBody()
			.get("accessToken");
	}

	@Test
	void ordersPlacedAtTheSameMomentAreStoredTogetherEachOnce() throws Exception {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			keys.add("together-" + UUID.randomUUID());
		}

		List<ResponseEntity<Map<String, Object>>> answers = atOnce(keys, (key) -> place(key, 1));

		assertThat(answers).allSatisfy((a) -> assertThat(a.getStatusCode().value()).isEqualTo(202));
		List<String> orderIds = answers.stream().map((a) -> (String) a.getBody().get("orderId")).toList();
		assertThat(orderIds).doesNotHaveDuplicates();
		assertThat(placeOrders(orderIds)).isEqualTo(40);
		assertThat(this.jdbc.sql("select count(distinct xmin::text) from order_request where idempotency_key = any(?)")
			.param(keys.toArray(String[]::new))
			.query(Integer.class)
			.single()).as("transactions for 40 placements at once").isLessThan(40);
	}

	@Test
	void oneKeySentManyTimesAtOnceIsOneOrder() throws Exception {
		String key = "again-" + UUID.randomUUID();

		List<ResponseEntity<Map<String, Object>>> answers = atOnce(List.of(key, key, key, key, key, key, key, key),
				(k) -> place(k, 2));

		assertThat(answers).allSatisfy((a) -> assertThat(a.getStatusCode().value()).isEqualTo(202));
		List<String> orderIds = answers.stream().map((a) -> (String) a.getBody().get("orderId")).distinct().toList();
		assertThat(orderIds).hasSize(1);
		assertThat(placeOrders(orderIds)).isOne();
	}

	@Test
	void oneKeySentAtOnceWithOtherLinesIsOneOrderAndRefusals() throws Exception {
		String key = "mixed-" + UUID.randomUUID();
		List<Integer> quantities = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			quantities.add(1 + i % 2);
		}

		List<ResponseEntity<Map<String, Object>>> answers = atOnce(quantities, (quantity) -> place(key, quantity));

		List<String> orderIds = answers.stream()
			.filter((a) -> a.getStatusCode().value() == 202)
			.map((a) -> (String) a.getBody().get("orderId"))
			.distinct()
			.toList();
		assertThat(orderIds).hasSize(1);
		assertThat(placeOrders(orderIds)).isOne();
		int stored = this.jdbc
			.sql("""
					select (convert_from(body, 'UTF8')::jsonb -> 'payload' -> 'lines' -> 0 ->> 'quantity')::int
					from outbox where type = 'PlaceOrder' and convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'orderId' = ?
					""")
			.param(orderIds.get(0))
			.query(Integer.class)
			.single();
		for (int i = 0; i < quantities.size(); i++) {
			int quantity = quantities.get(i);
			assertThat(answers.get(i).getStatusCode().value()).as("answer to quantity %d", quantity)
				.isEqualTo((quantity == stored) ? 202 : 422);
		}
	}

	@Test
	void aReusedKeyIsRefusedWithoutUndoingThePlacementsStoredWithIt() throws Exception {
		String reused = "reused-" + UUID.randomUUID();
		assertThat(place(reused, 1).getStatusCode().value()).isEqualTo(202);
		List<String> keys = new ArrayList<>(List.of(reused));
		for (int i = 0; i < 20; i++) {
			keys.add("beside-" + UUID.randomUUID());
		}

		List<ResponseEntity<Map<String, Object>>> answers = atOnce(keys, (key) -> place(key, 3));

		assertThat(answers.get(0).getStatusCode().value()).isEqualTo(422);
		assertThat((String) answers.get(0).getBody().get("detail")).contains("Idempotency-Key was used");
		List<ResponseEntity<Map<String, Object>>> others = answers.subList(1, answers.size());
		assertThat(others).allSatisfy((a) -> assertThat(a.getStatusCode().value()).isEqualTo(202));
		assertThat(placeOrders(others.stream().map((a) -> (String) a.getBody().get("orderId")).toList())).isEqualTo(20);
	}

	private int placeOrders(List<String> orderIds) {
		return this.jdbc.sql("""
				select count(*) from outbox where type = 'PlaceOrder'
				and convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'orderId' = any(?)
				""").param(orderIds.toArray(String[]::new)).query(Integer.class).single();
	}

	private ResponseEntity<Map<String, Object>> place(String key, int quantity) {
		return call("/api/orders", this.token, key,
				Map.of("lines", List.of(Map.of("sku", "PLACE-1", "quantity", quantity))));
	}

	/**
	 * Sends one request per input (a key, a quantity), all released at the same moment;
	 * answers in the inputs' order.
	 */
	private static <I, T> List<T> atOnce(List<I> inputs, java.util.function.Function<I, T> send) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> sent = new ArrayList<>();
		try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
			for (I input : inputs) {
				sent.add(senders.submit(() -> {
					start.await();
					return send.apply(input);
				}));
			}
			start.countDown();
		}
		List<T> answers = new ArrayList<>();
		for (Future<T> answer : sent) {
			answers.add(answer.get());
		}
		return answers;
	}

	private ResponseEntity<Map<String, Object>> call(String path, String token, String idempotencyKey, Object body) {
		// the JDK client, as a plain client would (Apache HttpClient re-sends on its own)
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://127.0.0.1:" + this.port)
			.build()
			.post()
			.uri(path)
			.headers((h) -> {
				if (token != null) {
					h.setBearerAuth(token);
				}
				if (idempotencyKey != null) {
					h.set("Idempotency-Key", idempotencyKey);
				}
			})
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
				.headers(response.getHeaders())
				.body(response.bodyTo(JSON)));
	}

	private static HttpServer standInCatalog() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/items/", OrderPlacementsIT::answerItem);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void answerItem(HttpExchange exchange) throws IOException {
		String sku = exchange.getRequestURI().getPath().substring("/items/".length());
		byte[] body = ("{\"sku\":\"" + sku + "\",\"brand\":\"Titan\",\"model\":\"Edge\",\"description\":\"\","
				+ "\"price\":\"10.00\",\"available\":100,\"locations\":[],\"version\":1}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

}
