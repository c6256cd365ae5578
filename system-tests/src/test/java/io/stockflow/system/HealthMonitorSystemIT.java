package io.stockflow.system;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health monitor against real failures: killed consumer services are reported DOWN
 * within 10 s with their queues at zero consumers and UP once started again; a hung
 * service is caught by the HTTP view; a parked message is replayed after its cause is
 * fixed and applied once; a stopped broker degrades the services, which recover when it
 * is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthMonitorSystemIT {

	static final List<String> CONSUMERS = List.of("inventory-service", "order-service", "catalog-service");

	static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	static Stockflow stockflow;

	String admin;

	@BeforeAll
	static void start() {
		stockflow = Stockflow.system();
	}

	@BeforeEach
	void signIn() {
		this.admin = stockflow.adminToken();
		await().atMost(Stockflow.patience()).until(() -> CONSUMERS.stream().allMatch((s) -> "UP".equals(status(s))));
	}

	@Test
	@Order(1)
	void killedConsumerServicesAreDownWithinTenSecondsWithoutConsumersAndUpAfterTheyStart() {
		for (String service : CONSUMERS) {
			signal("KILL", service);

			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> "DOWN".equals(status(service)));
			assertThat(Stockflow.pluck(health(service).get("consumers"), "consumers")).isNotEmpty()
				.allMatch((consumers) -> ((Number) consumers).intValue() == 0);
		}
		List<CompletableFuture<Stockflow.Result>> starts = new ArrayList<>();
		CONSUMERS.forEach((s) -> starts.add(CompletableFuture.supplyAsync(() -> stockflow.launcher("start", s))));
		starts.forEach((start) -> assertThat(start.join().exitCode()).isZero());

		await().atMost(Stockflow.patience()).until(() -> CONSUMERS.stream().allMatch((s) -> "UP".equals(status(s))));
		List<Map<String, Object>> events = events();
		for (String service : CONSUMERS) {
			assertThat(events).anyMatch((e) -> service.equals(e.get("service")) && "DOWN".equals(e.get("to")));
			assertThat(events).anyMatch((e) -> service.equals(e.get("service")) && "UP".equals(e.get("to")));
		}
	}

	@Test
	@Order(2)
	void aHungServiceIsCaughtByTheHttpView() {
		try {
			signal("STOP", "catalog-service");

			Map<String, Object> hung = await().atMost(Duration.ofSeconds(30))
				.until(() -> health("catalog-service"), (h) -> "DOWN".equals(h.get("status")));
			assertThat((String) hung.get("detail")).contains("health");
		}
		finally {
			signal("CONT", "catalog-service");
		}
		await().atMost(Stockflow.patience()).until(() -> "UP".equals(status("catalog-service")));
	}

	@Test
	@Order(3)
	void aParkedMessageIsReplayedAfterItsCauseIsFixedAndAppliedOnce() {
		String sku = "SYS-PARKED-" + System.nanoTime();
		stockflow.addItem(this.admin, sku, "2.00", 10);
		String parking = "inventory.stock-commands.parked";
		String commandId;
		try {
			inventorySql("revoke insert on stock_ledger from " + inventoryUser());
			commandId = (String) stockflow
				.call("POST", "/api/admin/items/" + sku + "/stock", this.admin, Map.of("location", "blr-1", "delta", 5))
				.getBody()
				.get("commandId");

			Map<String, Object> parked = await().atMost(Stockflow.patience())
				.until(() -> parkedMessage(parking, commandId), (m) -> m != null);
			assertThat(parked).containsEntry("originalQueue", "inventory.stock-commands")
				.containsEntry("type", "ChangeStock");
			assertThat((String) parked.get("reason")).contains("permission denied");
			assertThat(commandStatus(commandId)).isEqualTo("PENDING");
		}
		finally {
			inventorySql("grant insert on stock_ledger to " + inventoryUser());
		}

		assertThat(stockflow.status("POST", "/api/admin/parked/" + parking + "/" + commandId + "/replay", this.admin))
			.isEqualTo(204);

		await().atMost(Stockflow.patience()).until(() -> "APPLIED".equals(commandStatus(commandId)));
		await().atMost(Stockflow.patience())
			.until(() -> Integer.valueOf(15)
				.equals(stockflow.call("GET", "/api/items/" + sku, null, null).getBody().get("available")));
		assertThat(stockflow.call("GET", "/api/admin/items/" + sku + "/history?size=1", this.admin, null)
			.getBody()
			.get("total")).isEqualTo(2);
		assertThat(parkedMessage(parking, commandId)).isNull();
		assertThat(stockflow.status("POST", "/api/admin/parked/" + parking + "/" + commandId + "/replay", this.admin))
			.isEqualTo(404);
	}

	@Test
	@Order(4)
	void aStoppedBrokerDegradesTheServicesWhichRecoverWhenItIsBack() {
		try {
			run("rabbitmqctl", "stop_app");

			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> "DOWN".equals(status("rabbitmq"))
						&& CONSUMERS.stream().allMatch((s) -> List.of("DEGRADED", "DOWN").contains(status(s))));
		}
		finally {
			run("rabbitmqctl", "start_app");
			run("rabbitmqctl", "await_startup");
		}
		await().atMost(Stockflow.patience())
			.until(() -> "UP".equals(status("rabbitmq")) && CONSUMERS.stream().allMatch((s) -> "UP".equals(status(s))));
	}

	private List<Map<String, Object>> services() {
		return stockflow.gateway()
			.get()
			.uri("/api/health/services")
			.headers((h) -> h.setBearerAuth(this.admin))
			.retrieve()
			.body(LIST);
	}

	private Map<String, Object> health(String service) {
		return services().stream().filter((s) -> service.equals(s.get("service"))).findFirst().orElse(Map.of());
	}

	private String status(String service) {
		return (String) health(service).get("status");
	}

	private List<Map<String, Object>> events() {
		return stockflow.gateway()
			.get()
			.uri("/api/health/events?limit=200")
			.headers((h) -> h.setBearerAuth(this.admin))
			.retrieve()
			.body(LIST);
	}

	private Map<String, Object> parkedMessage(String queue, String messageId) {
		return stockflow.gateway()
			.get()
			.uri("/api/admin/parked/{queue}?limit=200", queue)
			.headers((h) -> h.setBearerAuth(this.admin))
			.retrieve()
			.body(LIST)
			.stream()
			.filter((m) -> messageId.equals(m.get("messageId")))
			.findFirst()
			.orElse(null);
	}

	private String commandStatus(String commandId) {
		return (String) stockflow.call("GET", "/api/admin/commands/" + commandId, this.admin, null)
			.getBody()
			.get("status");
	}

	private static String inventoryUser() {
		return "stockflow_" + Stockflow.ENV + "_inventory";
	}

	/** Runs SQL in inventory's database as its owner (the service's own user). */
	private static void inventorySql(String sql) {
		ProcessBuilder psql = new ProcessBuilder("psql", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U",
				inventoryUser(), "-d", inventoryUser(), "-c", sql)
			.redirectErrorStream(true);
		psql.environment().put("PGPASSWORD", stockflow.secret("STOCKFLOW_DB_PASSWORD_INVENTORY"));
		run(psql);
	}

	private static void signal(String signal, String service) {
		try {
			String pid = Files
				.readString(stockflow.root().resolve("var/env/" + Stockflow.ENV + "/run/" + service + ".pid"))
				.strip();
			run("kill", "-" + signal, pid);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void run(String... command) {
		run(new ProcessBuilder(command).redirectErrorStream(true));
	}

	private static void run(ProcessBuilder builder) {
		try {
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes());
			if (process.waitFor() != 0) {
				throw new IllegalStateException(String.join(" ", builder.command()) + " failed: " + output);
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
