package io.stockflow.gateway.catalog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import io.stockflow.testing.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's near cache of items against a stand-in catalog-service: a cached item is
 * answered before the security chain with the same body and headers as the full path, a
 * request with credentials still goes through that chain, items read lately are refreshed
 * in batch requests, and a removed item is dropped.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "stockflow.gateway.admin.username=boss", "stockflow.gateway.admin.password=boss-password-1",
				"stockflow.gateway.jwt.secret=0123456789abcdef0123456789abcdef-test",
				"stockflow.gateway.item-cache.ttl=10s", "stockflow.gateway.item-cache.refresh-interval=100ms" })
class CachedItemsIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("gateway-items");

	/** The stand-in catalogue's items by sku: their JSON, absent once removed. */
	static final Map<String, String> catalogue = new ConcurrentHashMap<>();

	static final Map<String, AtomicInteger> singleReads = new ConcurrentHashMap<>();

	static final List<String> batchQueries = new CopyOnWriteArrayList<>();

	static final HttpServer catalog = standInCatalog();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
		registry.add("stockflow.gateway.catalog-url", () -> "http://127.0.0.1:" + catalog.getAddress().getPort());
	}

	@LocalServerPort
	int port;

	@AfterAll
	static void stopCatalog() {
		catalog.stop(0);
	}

	@Test
	void aCachedItemIsAnsweredWithTheBodyAndHeadersOfTheFullPath() {
		catalogue.put("NEAR-1", item("NEAR-1", 5));

		ResponseEntity<String> first = read("NEAR-1", null);
		ResponseEntity<String> second = read("NEAR-1", null);

		assertThat(singleReads.get("NEAR-1")).hasValue(1);
		assertThat(second.getStatusCode().value()).isEqualTo(200);
		assertThat(second.getBody()).isEqualTo(first.getBody()).isEqualTo(item("NEAR-1", 5));
		for (String header : List.of("Content-Type", "X-Content-Type-Options", "X-Frame-Options",
				"Content-Security-Policy", "Cache-Control", "Referrer-Policy", "X-XSS-Protection")) {
			assertThat(second.getHeaders().get(header)).as(header)
				.isNotNull()
				.isEqualTo(first.getHeaders().get(header));
		}
	}

	@Test
	void aReadWithABadTokenIsStill401() {
		catalogue.put("NEAR-2", item("NEAR-2", 5));
		read("NEAR-2", null);

		assertThat(read("NEAR-2", "Bearer not-a-token").getStatusCode().value()).isEqualTo(401);
	}

	@Test
	void anItemReadAgainIsRefreshedInABatchAndDroppedOnceRemoved() {
		catalogue.put("NEAR-3", item("NEAR-3", 5));
		read("NEAR-3", null);
		catalogue.put("NEAR-3", item("NEAR-3", 4));

		// an item read lately is refreshed once half its ttl (5 s) has passed, in a batch
		await().atMost(Duration.ofSeconds(9))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> item("NEAR-3", 4).equals(read("NEAR-3", null).getBody()));
		assertThat(batchQueries).anySatisfy((query) -> assertThat(query).contains("NEAR-3"));
		assertThat(singleReads.get("NEAR-3")).hasValue(1);

		// the next refresh (5 s on) drops it, well before it would expire (10 s on)
		catalogue.remove("NEAR-3");
		await().atMost(Duration.ofSeconds(8))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> read("NEAR-3", null).getStatusCode().value() == 404);
	}

	@Test
	void anUnknownSkuIs404AndNotKept() {
		assertThat(read("NEAR-NONE", null).getStatusCode().value()).isEqualTo(404);
		assertThat(read("NEAR-NONE", null).getStatusCode().value()).isEqualTo(404);

		assertThat(singleReads.get("NEAR-NONE")).hasValue(2);
	}

	private ResponseEntity<String> read(String sku, String authorization) {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://127.0.0.1:" + this.port)
			.build()
			.get()
			.uri("/api/items/{sku}", sku)
			.headers((h) -> {
				if (authorization != null) {
					h.set(HttpHeaders.AUTHORIZATION, authorization);
				}
			})
			.exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
				.headers(response.getHeaders())
				.body(response.bodyTo(String.class)));
	}

	private static String item(String sku, int available) {
		return "{\"sku\":\"" + sku + "\",\"brand\":\"Titan\",\"model\":\"Edge\",\"description\":\"A watch\","
				+ "\"price\":\"10.00\",\"imageUrl\":null,\"available\":" + available
				+ ",\"locations\":[{\"location\":\"blr-1\",\"available\":" + available
				+ "}],\"version\":1,\"updatedAt\":\"2026-11-25T10:00:00Z\"}";
	}

	private static HttpServer standInCatalog() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/items/", (exchange) -> {
				String sku = exchange.getRequestURI().getPath().substring("/items/".length());
				singleReads.computeIfAbsent(sku, (s) -> new AtomicInteger()).incrementAndGet();
				String json = catalogue.get(sku);
				if (json == null) {
					answer(exchange, 404, "application/problem+json",
							"{\"status\":404,\"title\":\"Not Found\",\"detail\":\"No item with sku " + sku + "\"}");
				}
				else {
					answer(exchange, 200, "application/json", json);
				}
			});
			server.createContext("/item-batch", (exchange) -> {
				String query = exchange.getRequestURI().getQuery();
				batchQueries.add(query);
				List<String> found = java.util.Arrays.stream(query.substring("sku=".length()).split(","))
					.map(catalogue::get)
					.filter(java.util.Objects::nonNull)
					.toList();
				answer(exchange, 200, "application/json", "[" + String.join(",", found) + "]");
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void answer(HttpExchange exchange, int status, String type, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", type);
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

}
