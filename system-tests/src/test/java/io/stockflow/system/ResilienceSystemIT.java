package io.stockflow.system;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orders keep their guarantees when processes die at any instant and when the broker
 * restarts: every order ends confirmed or rejected, the units confirmed are exactly the
 * units taken, and no reservation is applied twice (the ledger adds up).
 */
class ResilienceSystemIT {

	static Stockflow stockflow;

	static String admin;

	@BeforeAll
	static void start() {
		stockflow = Stockflow.system();
		admin = stockflow.adminToken();
	}

	@Test
	void killingOrderServiceThenInventoryServiceMidStreamLosesAndDuplicatesNothing() throws Exception {
		String sku = "SYS-CRASH-" + System.nanoTime();
		stockflow.addItem(admin, sku, "3.00", 200);
		List<String> customers = customers("crash", 10);

		List<String> orders = stream(sku, customers, 300, () -> {
			kill("order-service");
			assertThat(stockflow.launcher("start", "order-service").exitCode()).isZero();
			kill("inventory-service");
			assertThat(stockflow.launcher("start", "inventory-service").exitCode()).isZero();
		});

		assertConsistent(sku, 200, orders);
	}

	@Test
	void restartingTheBrokerMidStreamLosesAndDuplicatesNothing() throws Exception {
		String sku = "SYS-BROKER-" + System.nanoTime();
		stockflow.addItem(admin, sku, "3.00", 150);
		List<String> customers = customers("broker", 10);

		List<String> orders = stream(sku, customers, 300, () -> {
			run("rabbitmqctl", "stop_app");
			run("rabbitmqctl", "start_app");
			run("rabbitmqctl", "await_startup");
		});

		assertConsistent(sku, 150, orders);
	}

	/**
	 * Places orders of one unit at a steady pace (one each 20 ms) with the fault a third
	 * in.
	 */
	private static List<String> stream(String sku, List<String> customers, int count, Runnable fault)
			throws InterruptedException {
		List<String> orders = Collections.synchronizedList(new ArrayList<>());
		ScheduledExecutorService buyers = Executors.newScheduledThreadPool(4);
		for (int i = 0; i < count; i++) {
			String token = customers.get(i % customers.size());
			buyers.schedule(() -> orders.add(place(token, sku)), i * 20L, TimeUnit.MILLISECONDS);
		}
		buyers.schedule(fault, count / 3 * 20L, TimeUnit.MILLISECONDS);
		buyers.shutdown();
		assertThat(buyers.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
		assertThat(orders).hasSize(count).doesNotContainNull();
		return orders;
	}

	private static void assertConsistent(String sku, int stock, List<String> orders) {
		int confirmed = 0;
		for (String orderId : orders) {
			Map<String, Object> order = await().atMost(Stockflow.patience().multipliedBy(3))
				.until(() -> stockflow.call("GET", "/api/orders/" + orderId, admin, null).getBody(), (o) -> o != null
						&& ("CONFIRMED".equals(o.get("status")) || "REJECTED".equals(o.get("status"))));
			confirmed += "CONFIRMED".equals(order.get("status")) ? 1 : 0;
		}
		int expectedLeft = stock - confirmed;
		assertThat(confirmed).isEqualTo(Math.min(stock, orders.size()));
		await().atMost(Stockflow.patience())
			.until(() -> stockflow.call("GET", "/api/items/" + sku, null, null)
				.getBody()
				.get("available")
				.equals(expectedLeft));
		// the item's first stock, then exactly one reservation per confirmed order: none
		// twice
		Object ledgerEntries = stockflow.call("GET", "/api/admin/items/" + sku + "/history?size=1", admin, null)
			.getBody()
			.get("total");
		assertThat(ledgerEntries).isEqualTo(1 + confirmed);
		assertThat((List<?>) stockflow.call("GET", "/api/admin/inventory/verify", admin, null).getBody().get("drift"))
			.isEmpty();
	}

	private static String place(String token, String sku) {
		for (int attempt = 0; attempt < 30; attempt++) {
			Integer status = null;
			String key = UUID.randomUUID().toString();
			var answer = stockflow.gateway().post().uri("/api/orders").headers((h) -> {
				h.setBearerAuth(token);
				h.set("Idempotency-Key", key);
			})
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1))))
				.exchange((req, res) -> res.getStatusCode().is2xxSuccessful() ? res.bodyTo(Stockflow.JSON) : null);
			if (answer != null) {
				return (String) answer.get("orderId");
			}
			await().pollDelay(java.time.Duration.ofMillis(500)).until(() -> true);
		}
		return null;
	}

	private static List<String> customers(String prefix, int count) {
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			tokens.add(stockflow.newCustomerToken(prefix + i + "x" + (System.nanoTime() % 100000)));
		}
		return tokens;
	}

	private static void kill(String service) {
		try {
			String pid = Files
				.readString(stockflow.root().resolve("var/env/" + Stockflow.ENV + "/run/" + service + ".pid"))
				.strip();
			run("kill", "-KILL", pid);
			await().atMost(Stockflow.patience())
				.until(() -> stockflow.launcher("status")
					.output()
					.lines()
					.anyMatch((l) -> l.startsWith(service) && l.contains("DOWN")));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void run(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (process.waitFor() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
