package io.stockflow.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;

/**
 * {@code ./stockflow bench}: measures the running system against its physical references
 * and the targets of issue #9, checks after every run that nothing was lost, stuck,
 * oversold or applied twice, and writes {@code bench/results/<timestamp>.json} and
 * {@code .html}.
 */
public final class Bench {

	static final String SKU_PREFIX = "BENCH-";

	static final String HOT_SKU = "BENCH-HOT";

	private final BenchSettings settings;

	private final Api api;

	private final Map<String, Object> report = new LinkedHashMap<>();

	private final List<Map<String, Object>> checks = new ArrayList<>();

	private final CpuMeter cpu;

	/** Orders decided in the measured order steps so far. */
	private long decided;

	private Bench(BenchSettings settings, Api api) {
		this.settings = settings;
		this.api = api;
		this.cpu = new CpuMeter(settings.pidFiles());
	}

	public static void main(String[] args) {
		BenchSettings settings = Launch.settings(args);
		try (Api api = new Api(settings.gatewayUrl())) {
			new Bench(settings, api).run();
		}
		catch (RuntimeException ex) {
			System.err.println("bench: " + ex.getMessage());
			System.exit(1);
		}
	}

	private void run() {
		String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
		this.report.put("startedAt", Instant.now().toString());
		this.report.put("mode", this.settings.quick() ? "quick" : "full");
		this.report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "gateway",
				this.settings.gatewayUrl(), "vhost", this.settings.vhost()));
		Setup setup = new Setup(this.settings, this.api);
		try (Rss rss = new Rss(this.settings.pidFiles())) {
			if (this.settings.runs("references")) {
				references();
			}
			List<String> skus = setup.items(hotStock());
			boolean ordering = this.settings.runs("orders") || this.settings.runs("hot");
			List<String> tokens = ordering ? setup.customers() : List.of();
			warmUp(setup, skus, tokens);
			if (this.settings.runs("reads")) {
				reads(skus, setup.skuFile(skus));
			}
			if (ordering) {
				OrderRun orders = new OrderRun(this.api, this.settings.orders(), tokens);
				Map<String, Long> broker = new References(this.settings).brokerMessages();
				if (this.settings.runs("orders")) {
					orders(orders, skus);
				}
				if (this.settings.runs("hot")) {
					setup.resetHotStock(hotStock());
					hot(orders);
				}
				brokerMessages(broker);
			}
			this.report.put("rssMiB", rss.peakMiB());
			say("rss", "peak RSS per service (MiB): " + rss.peakMiB());
		}
		this.report.put("checks", this.checks);
		this.report.put("targets", Targets.evaluate(this.report));
		this.report.put("finishedAt", Instant.now().toString());
		Path json = Report.write(this.settings.home().resolve("bench/results"), stamp, this.report);
		Targets.print(this.report);
		say("report", json + " and " + json.toString().replace(".json", ".html"));
		boolean ok = this.checks.stream().allMatch((c) -> Boolean.TRUE.equals(c.get("ok")));
		if (!ok) {
			throw new IllegalStateException("a correctness check failed: see \"checks\" in " + json);
		}
	}

	private int hotStock() {
		return hotRate() * this.settings.stepSeconds() * 6 / 10;
	}

	private int hotRate() {
		return this.settings.quick() ? 500 : 1000;
	}

	/**
	 * Runs every path the bench measures for a while first, so that the figures are those
	 * of compiled code (the services start with the JIT cold: their first minute runs
	 * several times slower) and of open connections. Nothing of it is reported but its
	 * length.
	 */
	private void warmUp(Setup setup, List<String> skus, List<String> tokens) {
		int seconds = this.settings.warmUpSeconds();
		say("warm-up", "trivial reads, item reads (wrk, then the generator) and orders, " + seconds / 4
				+ " s each (not measured)");
		References references = new References(this.settings);
		references.wrk("trivial.lua", "/actuator/info", 32, seconds / 4);
		references.wrk("items.lua", "/api/items/{sku}", 32, seconds / 4, setup.skuFile(skus).toString());
		// the generator's own HTTP client and its connections, too
		OpenLoop.run(1000, seconds / 4,
				(i) -> this.api.getStatus("/api/items/" + skus.get(ThreadLocalRandom.current().nextInt(skus.size())))
					.thenApply((status) -> status == 200));
		if (!tokens.isEmpty()) {
			new OrderRun(this.api, this.settings.orders(), tokens).run("warm-up", 100, seconds / 4,
					(i) -> skus.get(ThreadLocalRandom.current().nextInt(skus.size())));
		}
		this.report.put("warmUpSeconds", seconds);
	}

	private void references() {
		References references = new References(this.settings);
		Map<String, Object> result = new LinkedHashMap<>();
		Map<String, Object> wrk = references.wrk("trivial.lua", "/actuator/info", 64, this.settings.stepSeconds());
		result.put("wrkTrivial", wrk);
		say("reference", "wrk GET /actuator/info: " + wrk.get("requestsPerSecond") + " req/s " + wrk.get("latencyMs"));
		try {
			Map<String, Object> pgbench = references.pgbench();
			result.put("pgbench", pgbench);
			say("reference", "pgbench single-row update (8 clients): random row " + pgbench.get("randomRowTps")
					+ " tps, hot row " + pgbench.get("hotRowTps") + " tps");
		}
		finally {
			references.dropScratchDatabase();
		}
		Map<String, Object> perf = references.perfTest();
		result.put("perfTest", perf);
		say("reference", "PerfTest quorum queue, persistent, confirms: sent " + perf.get("sentPerSecond")
				+ " msg/s, received " + perf.get("receivedPerSecond") + " msg/s");
		this.report.put("references", result);
	}

	private void reads(List<String> skus, Path skuFile) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("skus", skus.size());
		References references = new References(this.settings);
		Map<String, Object> max = references.wrk("items.lua", "/api/items/{sku}", 64, this.settings.stepSeconds(),
				skuFile.toString());
		result.put("max", max);
		say("reads", "max (wrk, 64 connections): " + max.get("requestsPerSecond") + " req/s " + max.get("latencyMs")
				+ ", non-2xx " + max.get("non2xx"));
		List<Map<String, Object>> fixed = new ArrayList<>();
		for (int rate : this.settings.readRates()) {
			OpenLoop.Step step = OpenLoop.run(rate, this.settings.stepSeconds(),
					(i) -> this.api
						.getStatus("/api/items/" + skus.get(ThreadLocalRandom.current().nextInt(skus.size())))
						.thenApply((status) -> status == 200));
			fixed.add(step.summary());
			say("reads", "at " + rate + "/s: answered " + OpenLoop.round(step.answeredPerSecond()) + "/s, failed "
					+ step.failed() + ", latency " + OpenLoop.percentiles(step.latencies()));
		}
		result.put("fixedRates", fixed);
		this.report.put("reads", result);
	}

	private void orders(OrderRun orders, List<String> skus) {
		List<Map<String, Object>> steps = new ArrayList<>();
		Checks checker = new Checks(this.settings, this.api);
		for (int rate : this.settings.orderRates()) {
			Map<String, Long> before = this.cpu.read();
			OrderRun.Outcome outcome = orders.run("orders", rate, this.settings.stepSeconds(),
					(i) -> skus.get(ThreadLocalRandom.current().nextInt(skus.size())));
			Map<String, Object> summary = outcome.summary();
			cpuPerOrder("orders at " + rate + "/s", before, outcome, summary);
			Map<String, Object> check = checker.check(outcome, null, 0);
			check.put("run", "orders at " + rate + "/s");
			this.checks.add(check);
			summary.put("check", check);
			steps.add(summary);
			say("orders",
					"offered " + rate + "/s: accepted " + outcome.accepted().size() + ", decided "
							+ OpenLoop.round(outcome.decidedPerSecond()) + "/s, POST→decided "
							+ OpenLoop.percentiles(outcome.latency()) + "; check " + check);
		}
		this.report.put("orders", Map.of("steps", steps));
	}

	private void hot(OrderRun orders) {
		Checks checker = new Checks(this.settings, this.api);
		Map<String, Long> before = this.cpu.read();
		OrderRun.Outcome outcome = orders.run("hot", hotRate(), this.settings.stepSeconds(), (i) -> HOT_SKU);
		Map<String, Object> summary = outcome.summary();
		cpuPerOrder("flash sale", before, outcome, summary);
		Map<String, Object> check = checker.check(outcome, HOT_SKU, hotStock());
		check.put("run", "flash sale on " + HOT_SKU);
		this.checks.add(check);
		summary.put("sku", HOT_SKU);
		summary.put("stockBefore", hotStock());
		summary.put("check", check);
		this.report.put("hotSku", summary);
		say("hot",
				"flash sale, " + hotRate() + " orders/s on one sku with " + hotStock() + " units: decided "
						+ OpenLoop.round(outcome.decidedPerSecond()) + "/s, confirmed " + outcome.confirmed()
						+ ", rejected " + outcome.rejected() + ", POST→decided "
						+ OpenLoop.percentiles(outcome.latency()) + "; check " + check);
	}

	/**
	 * What a decided order of a step cost each part of the machine in CPU, read as soon
	 * as the step's orders are decided (before its checks): into the step's summary and
	 * printed.
	 */
	private void cpuPerOrder(String step, Map<String, Long> before, OrderRun.Outcome outcome,
			Map<String, Object> summary) {
		this.decided += outcome.confirmed() + outcome.rejected();
		Map<String, Object> perOrder = CpuMeter.perOrder(before, this.cpu.read(),
				outcome.confirmed() + outcome.rejected());
		if (perOrder.isEmpty()) {
			return;
		}
		summary.put("cpuMsPerOrder", perOrder);
		Map<String, Object> parts = new LinkedHashMap<>(perOrder);
		Object machine = parts.remove("machine");
		say("cpu", step + ": " + machine + " ms an order, machine; " + parts);
	}

	/**
	 * AMQP messages the broker took and delivered an order over all the order steps (the
	 * management API's counters lag by a few seconds: too coarse for one step).
	 */
	private void brokerMessages(Map<String, Long> before) {
		Map<String, Long> after = new References(this.settings).brokerMessages();
		long orders = this.decided;
		if (before.isEmpty() || after.isEmpty() || orders == 0) {
			return;
		}
		Map<String, Object> perOrder = new LinkedHashMap<>();
		perOrder.put("publishes", OpenLoop.round((after.get("publish") - before.get("publish")) / (double) orders));
		perOrder.put("deliveries",
				OpenLoop.round((after.get("deliver_get") - before.get("deliver_get")) / (double) orders));
		this.report.put("brokerMessagesPerOrder", perOrder);
		say("broker", "AMQP messages an order over the order steps: " + perOrder.get("publishes") + " published, "
				+ perOrder.get("deliveries") + " delivered");
	}

	static void say(String topic, String text) {
		System.out.printf("%-10s %s%n", topic, text);
		System.out.flush();
	}

	static JsonNode path(JsonNode node, String... names) {
		JsonNode current = node;
		for (String name : names) {
			current = (current == null) ? null : current.get(name);
		}
		return current;
	}

}
