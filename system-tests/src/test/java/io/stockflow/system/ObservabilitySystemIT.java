package io.stockflow.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Observability of the running system: one order's trace id in the JSON logs of the three
 * services it passes through, and every metric the alert rules and the Grafana dashboard
 * use in what Prometheus really scraped.
 */
class ObservabilitySystemIT {

	private static final Pattern METRIC = Pattern
		.compile("\\b(?:stockflow|http_server|jvm|rabbitmq|spring_rabbit|process)_[a-z0-9_]*[a-z0-9]\\b");

	private static final Pattern TRACE_ID = Pattern.compile("\"traceId\":\"([0-9a-f]{32})\"");

	static Stockflow stockflow;

	static String admin;

	@BeforeAll
	static void start() {
		stockflow = Stockflow.system();
		admin = stockflow.adminToken();
	}

	/**
	 * Stops the Prometheus this class started ({@code down} would stop it too, but the
	 * services are shared with the other system tests, whose status lines list five).
	 */
	@AfterAll
	static void stopPrometheus() throws IOException {
		Path pidFile = stockflow.root().resolve("var/env/" + Stockflow.ENV + "/run/prometheus.pid");
		if (Files.exists(pidFile)) {
			ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent((prometheus) -> {
				prometheus.destroy();
				prometheus.onExit().join();
			});
			Files.delete(pidFile);
		}
	}

	@Test
	void oneOrderKeepsItsTraceIdThroughTheGatewayOrderServiceAndInventoryServiceLogs() throws IOException {
		String sku = "TRACE-" + System.nanoTime();
		stockflow.addItem(admin, sku, "19.99", 10);
		String customer = stockflow.newCustomerToken("tracer" + System.nanoTime() % 1_000_000);

		String orderId = stockflow.placeOrder(customer, sku, 2);
		assertThat(stockflow.awaitFinal(customer, orderId)).containsEntry("status", "CONFIRMED");

		String order = "\"orderId\":\"" + orderId + "\"";
		String traceId = await().atMost(Stockflow.patience())
			.until(() -> traceIdOf(lineWith("gateway", order, "PlaceOrder")), (id) -> id != null);
		String trace = "\"traceId\":\"" + traceId + "\"";
		await().atMost(Stockflow.patience()).untilAsserted(() -> {
			assertThat(lineWith("order-service", order, trace)).as("order-service's log line of the order").isNotNull();
			assertThat(lineWith("inventory-service", order, trace)).as("inventory-service's log line of the order")
				.isNotNull();
		});
		JsonNode line = new ObjectMapper().readTree(lineWith("inventory-service", order, trace));
		assertThat(line.get("service").get("name").asString()).isEqualTo("inventory-service");
		assertThat(line.get("service").get("node").get("name").asString()).isNotBlank();
		assertThat(line.get("spanId").asString()).matches("[0-9a-f]{16}");
		assertThat(line.get("log").get("level").asString()).isEqualTo("INFO");
	}

	@Test
	void everyMetricTheAlertRulesAndTheDashboardUseIsInPrometheus() throws IOException {
		String sku = "METRIC-" + System.nanoTime();
		stockflow.addItem(admin, sku, "5.00", 8);
		String customer = stockflow.newCustomerToken("metric" + System.nanoTime() % 1_000_000);
		stockflow.awaitFinal(customer, stockflow.placeOrder(customer, sku, 4)); // low
																				// stock:
																				// 4 left
		stockflow.awaitFinal(customer, stockflow.placeOrder(customer, sku, 99)); // rejected
		Set<String> used = metricsUsed();

		Stockflow.Result monitoring = stockflow.launcher("up", "--with-monitoring");

		assertThat(monitoring.exitCode()).as(monitoring.output()).isZero();
		RestClient prometheus = RestClient.builder().baseUrl("http://127.0.0.1:" + (Stockflow.PORT_BASE + 10)).build();
		await().atMost(Stockflow.patience().multipliedBy(2)).untilAsserted(() -> {
			Map<String, Object> targets = prometheus.get().uri("/api/v1/targets").retrieve().body(Stockflow.JSON);
			List<Object> active = Stockflow.pluck(Stockflow.map(targets.get("data")).get("activeTargets"), "health");
			assertThat(active).as("every scrape target healthy: %s", targets).hasSize(7).containsOnly("up");
			Map<String, Object> names = prometheus.get()
				.uri("/api/v1/label/__name__/values")
				.retrieve()
				.body(Stockflow.JSON);
			@SuppressWarnings("unchecked")
			List<String> scraped = (List<String>) names.get("data");
			assertThat(scraped).containsAll(used);
		});
	}

	private static Set<String> metricsUsed() throws IOException {
		Set<String> names = new TreeSet<>();
		Path root = stockflow.root();
		Matcher rules = METRIC.matcher(Files.readString(root.resolve("deploy/prometheus/rules/stockflow-alerts.yml")));
		while (rules.find()) {
			names.add(rules.group());
		}
		JsonNode dashboard = new ObjectMapper()
			.readTree(root.resolve("deploy/grafana/dashboards/stockflow-overview.json").toFile());
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.path("targets")) {
				Matcher expr = METRIC.matcher(target.get("expr").asString());
				while (expr.find()) {
					names.add(expr.group());
				}
			}
		}
		assertThat(names).contains("stockflow_orders_placed_total", "stockflow_order_latency_seconds_bucket",
				"stockflow_outbox_lag_seconds", "rabbitmq_detailed_queue_messages_ready", "stockflow_service_up",
				"stockflow_parked_messages");
		return names;
	}

	private static String lineWith(String service, String... parts) throws IOException {
		Path log = stockflow.root().resolve("var/env/" + Stockflow.ENV + "/log/" + service + ".log");
		try (var lines = Files.lines(log)) {
			return lines.filter((l) -> l.startsWith("{") && List.of(parts).stream().allMatch(l::contains))
				.findFirst()
				.orElse(null);
		}
	}

	private static String traceIdOf(String line) {
		if (line == null) {
			return null;
		}
		Matcher id = TRACE_ID.matcher(line);
		return id.find() ? id.group(1) : null;
	}

}
