package io.stockflow.system;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The order saga end to end: never oversold, lost or applied twice; live status. */
class OrdersSystemIT {

	static Stockflow stockflow;

	static String admin;

	@BeforeAll
	static void start() {
		stockflow = Stockflow.system();
		admin = stockflow.adminToken();
	}

	@Test
	void aFlashSaleConfirmsExactlyTheStockAndRejectsTheRestWithReasons() throws Exception {
		String sku = "SYS-FLASH-" + System.nanoTime();
		stockflow.addItem(admin, sku, "49.99", 50);
		List<String> customers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			customers.add(stockflow.newCustomerToken("flash" + i + "x" + (System.nanoTime() % 100000)));
		}
		List<String> orders = Collections.synchronizedList(new ArrayList<>());

		try (ExecutorService buyers = Executors.newFixedThreadPool(20)) {
			for (int i = 0; i < 200; i++) {
				String token = customers.get(i % 10);
				buyers.submit(() -> orders.add(place(token, "lines", List.of(Map.of("sku", sku, "quantity", 1)))));
			}
		}

		assertThat(orders).hasSize(200).doesNotContainNull();
		List<Map<String, Object>> finals = new ArrayList<>();
		for (int i = 0; i < orders.size(); i++) {
			finals.add(stockflow.awaitFinal(admin, orders.get(i)));
		}
		assertThat(finals).filteredOn((o) -> "CONFIRMED".equals(o.get("status"))).hasSize(50);
		assertThat(finals).filteredOn((o) -> "REJECTED".equals(o.get("status")))
			.hasSize(150)
			.allSatisfy((o) -> assertThat(Stockflow.map(o.get("rejection"))).containsEntry("sku", sku)
				.containsEntry("requested", 1)
				.containsEntry("available", 0));
		await().atMost(Stockflow.patience())
			.until(() -> stockflow.call("GET", "/api/items/" + sku, null, null).getBody().get("available").equals(0));
		assertThat((List<?>) stockflow.call("GET", "/api/admin/inventory/verify", admin, null).getBody().get("drift"))
			.isEmpty();
	}

	@Test
	void theSameKeyAndBodyIsTheSameOrderAndAnotherBodyIs422() {
		String sku = "SYS-IDEM-" + System.nanoTime();
		stockflow.addItem(admin, sku, "5.00", 10);
		String customer = stockflow.newCustomerToken("idem" + (System.nanoTime() % 100000));
		String key = UUID.randomUUID().toString();
		Map<String, Object> body = Map.of("lines", List.of(Map.of("sku", sku, "quantity", 2)));

		ResponseEntity<Map<String, Object>> first = post(customer, key, body);
		ResponseEntity<Map<String, Object>> again = post(customer, key, body);
		ResponseEntity<Map<String, Object>> other = post(customer, key,
				Map.of("lines", List.of(Map.of("sku", sku, "quantity", 3))));
		ResponseEntity<Map<String, Object>> noKey = post(customer, null, body);

		assertThat(first.getStatusCode().value()).isEqualTo(202);
		assertThat(again.getBody().get("orderId")).isEqualTo(first.getBody().get("orderId"));
		assertThat(other.getStatusCode().value()).isEqualTo(422);
		assertThat(noKey.getStatusCode().value()).isEqualTo(400);
		stockflow.awaitFinal(customer, (String) first.getBody().get("orderId"));
		// the catalogue is a read model (and the gateway keeps items up to a second):
		// it shows the one order's 2 units taken, never 4
		await().atMost(Stockflow.patience())
			.until(() -> stockflow.call("GET", "/api/items/" + sku, null, null).getBody().get("available").equals(8));
	}

	@Test
	void badOrdersAreRefusedWithTheReason() {
		String customer = stockflow.newCustomerToken("bad" + (System.nanoTime() % 100000));
		List<Map<String, Object>> fiftyOne = new ArrayList<>();
		for (int i = 0; i < 51; i++) {
			fiftyOne.add(Map.of("sku", "S" + i, "quantity", 1));
		}

		assertThat(post(customer, "k1", Map.of("lines", List.of(Map.of("sku", "X", "quantity", 0)))).getStatusCode()
			.value()).isEqualTo(400);
		assertThat(post(customer, "k2", Map.of("lines", List.of(Map.of("sku", "X", "quantity", 1001)))).getStatusCode()
			.value()).isEqualTo(400);
		assertThat(post(customer, "k3", Map.of("lines", fiftyOne)).getStatusCode().value()).isEqualTo(400);
		assertThat(post(customer, "k4",
				Map.of("lines", List.of(Map.of("sku", "X", "quantity", 1), Map.of("sku", "X", "quantity", 2))))
			.getStatusCode()
			.value()).isEqualTo(400);
		ResponseEntity<Map<String, Object>> unknown = post(customer, "k5",
				Map.of("lines", List.of(Map.of("sku", "NO-SUCH-ITEM", "quantity", 1))));
		assertThat(unknown.getStatusCode().value()).isEqualTo(422);
		assertThat(unknown.getBody().toString()).contains("lines[0].sku", "NO-SUCH-ITEM");
	}

	@Test
	void aMultiLineOrderIsAllOrNothingAndACancelGivesTheStockBack() {
		String a = "SYS-MULTI-A-" + System.nanoTime();
		String b = "SYS-MULTI-B-" + System.nanoTime();
		stockflow.addItem(admin, a, "10.00", 5);
		stockflow.addItem(admin, b, "20.00", 1);
		String customer = stockflow.newCustomerToken("multi" + (System.nanoTime() % 100000));

		Map<String, Object> rejected = stockflow.awaitFinal(customer, stockflow.placeOrder(customer, a, 2, b, 2));
		Map<String, Object> confirmed = stockflow.awaitFinal(customer, stockflow.placeOrder(customer, a, 2, b, 1));

		assertThat(rejected).containsEntry("status", "REJECTED");
		assertThat(confirmed).containsEntry("status", "CONFIRMED").containsEntry("total", "40.00");
		await().atMost(Stockflow.patience())
			.until(() -> stockflow.call("GET", "/api/items/" + a, null, null).getBody().get("available").equals(3));
		String orderId = (String) confirmed.get("orderId");
		assertThat(stockflow.call("POST", "/api/orders/" + orderId + "/cancel", customer, null).getStatusCode().value())
			.isEqualTo(202);
		await().atMost(Stockflow.patience())
			.until(() -> "CANCELLED"
				.equals(stockflow.call("GET", "/api/orders/" + orderId, customer, null).getBody().get("status")));
		await().atMost(Stockflow.patience())
			.until(() -> stockflow.call("GET", "/api/items/" + a, null, null).getBody().get("available").equals(5)
					&& stockflow.call("GET", "/api/items/" + b, null, null).getBody().get("available").equals(1));
		assertThat(stockflow.call("POST", "/api/orders/" + orderId + "/cancel", customer, null).getStatusCode().value())
			.isEqualTo(409);
	}

	@Test
	void theStatusStreamDeliversConfirmed() throws Exception {
		String sku = "SYS-SSE-" + System.nanoTime();
		stockflow.addItem(admin, sku, "5.00", 3);
		String customer = stockflow.newCustomerToken("sse" + (System.nanoTime() % 100000));
		assertThat(stockflow.launcher("stop", "inventory-service").exitCode()).isZero();
		String orderId = stockflow.placeOrder(customer, sku, 1);
		List<String> events = Collections.synchronizedList(new ArrayList<>());
		Thread reader = Thread.ofVirtual().start(() -> readEvents(customer, orderId, events));

		await().atMost(Stockflow.patience()).until(() -> events.stream().anyMatch((e) -> e.contains("PENDING")));
		assertThat(stockflow.launcher("start", "inventory-service").exitCode()).isZero();

		await().atMost(Stockflow.patience()).until(() -> events.stream().anyMatch((e) -> e.contains("CONFIRMED")));
		reader.interrupt();
	}

	private static void readEvents(String token, String orderId, List<String> events) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + Stockflow.PORT_BASE + "/api/orders/" + orderId + "/events"))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/event-stream")
			.build();
		try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
			HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					if (line.startsWith("data:")) {
						events.add(line);
					}
				}
			}
		}
		catch (Exception ex) {
			events.add("error: " + ex);
		}
	}

	private static String place(String token, String field, Object lines) {
		ResponseEntity<Map<String, Object>> answer = post(token, UUID.randomUUID().toString(), Map.of(field, lines));
		return (answer.getStatusCode().value() == 202) ? (String) answer.getBody().get("orderId") : null;
	}

	private static ResponseEntity<Map<String, Object>> post(String token, String key, Object body) {
		return stockflow.gateway().post().uri("/api/orders").headers((h) -> {
			h.setBearerAuth(token);
			if (key != null) {
				h.set("Idempotency-Key", key);
			}
		})
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange((req, res) -> ResponseEntity.status(res.getStatusCode()).body(res.bodyTo(Stockflow.JSON)));
	}

}
