package io.stockflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The targets of issue #9, each with what was measured and its ratio to the physical
 * reference of the same run: reads ≥ 10,000/s with p99 ≤ 20 ms; orders ≥ 1,000/s end to
 * end with p99 POST→CONFIRMED ≤ 250 ms; a hot sku ≥ 3× pgbench's single-hot-row rate with
 * zero oversell.
 */
final class Targets {

	private Targets() {
	}

	static List<Map<String, Object>> evaluate(Map<String, Object> report) {
		List<Map<String, Object>> targets = new ArrayList<>();
		Double trivial = num(report, "references", "wrkTrivial", "requestsPerSecond");
		Double perfTest = num(report, "references", "perfTest", "sentPerSecond");
		Double pgRandom = num(report, "references", "pgbench", "randomRowTps");
		Double pgHot = num(report, "references", "pgbench", "hotRowTps");
		Double reads = num(report, "reads", "max", "requestsPerSecond");
		if (reads != null) {
			Double p99 = readP99At(report, 10000);
			if (p99 == null) {
				p99 = num(report, "reads", "max", "latencyMs", "p99");
			}
			targets.add(target("reads/s (GET /api/items/{sku})", "≥ 10000/s, p99 ≤ 20 ms", reads, p99,
					reads >= 10000 && p99 <= 20, "wrk on /actuator/info", trivial));
		}
		Map<String, Object> best = sustainedOrders(report, true);
		boolean keptUp = best != null;
		best = keptUp ? best : sustainedOrders(report, false);
		if (best != null) {
			double rate = (Double) best.get("decidedPerSecond");
			double p99 = num(best, "postToDecidedMs", "p99");
			Map<String, Object> t = target("orders/s end to end (POST → CONFIRMED)",
					"≥ 1000/s (goal 2000), p99 ≤ 250 ms", rate, p99, keptUp && rate >= 1000 && p99 <= 250,
					"PerfTest msg/s", perfTest);
			t.put("keptUpWithOffer", keptUp);
			t.put("ratioToPgbenchRandomRow", ratio(rate, pgRandom));
			targets.add(t);
		}
		Double hot = num(report, "hotSku", "decidedPerSecond");
		if (hot != null) {
			Double oversold = num(report, "hotSku", "check", "oversold");
			double threshold = (pgHot != null) ? 3 * pgHot : Double.NaN;
			targets.add(target("hot sku orders/s (flash sale)", "≥ 3 × pgbench hot row, zero oversell", hot,
					num(report, "hotSku", "postToDecidedMs", "p99"),
					hot >= threshold && oversold != null && oversold == 0, "pgbench hot-row tps", pgHot));
		}
		return targets;
	}

	/**
	 * The step with the most decided orders/s among those that kept up with their offer
	 * (or among all steps, when {@code keptUpOnly} is false).
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> sustainedOrders(Map<String, Object> report, boolean keptUpOnly) {
		Object orders = report.get("orders");
		if (!(orders instanceof Map<?, ?> map)) {
			return null;
		}
		Map<String, Object> best = null;
		for (Map<String, Object> step : (List<Map<String, Object>>) map.get("steps")) {
			double offered = ((Number) step.get("offeredPerSecond")).doubleValue();
			double decided = (Double) step.get("decidedPerSecond");
			boolean keptUp = decided >= 0.9 * offered && ((Number) step.get("stuck")).longValue() == 0;
			if ((keptUp || !keptUpOnly) && (best == null || decided > (Double) best.get("decidedPerSecond"))) {
				best = step;
			}
		}
		return best;
	}

	@SuppressWarnings("unchecked")
	private static Double readP99At(Map<String, Object> report, int rate) {
		Object reads = report.get("reads");
		if (!(reads instanceof Map<?, ?> map) || map.get("fixedRates") == null) {
			return null;
		}
		for (Map<String, Object> step : (List<Map<String, Object>>) map.get("fixedRates")) {
			if (((Number) step.get("offeredPerSecond")).intValue() == rate) {
				return num(step, "latencyMs", "p99");
			}
		}
		return null;
	}

	private static Map<String, Object> target(String name, String target, double measured, Double p99, boolean met,
			String reference, Double referenceValue) {
		Map<String, Object> t = new LinkedHashMap<>();
		t.put("name", name);
		t.put("target", target);
		t.put("measured", OpenLoop.round(measured));
		t.put("p99Ms", p99);
		t.put("met", met);
		t.put("reference", reference);
		t.put("referenceValue", referenceValue);
		t.put("ratioToReference", ratio(measured, referenceValue));
		return t;
	}

	private static Double ratio(double value, Double reference) {
		return (reference == null || reference == 0) ? null : OpenLoop.round(value / reference);
	}

	@SuppressWarnings("unchecked")
	static Double num(Map<String, Object> root, String... path) {
		Object current = root;
		for (String name : path) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = ((Map<String, Object>) map).get(name);
		}
		return (current instanceof Number n) ? n.doubleValue() : null;
	}

	@SuppressWarnings("unchecked")
	static void print(Map<String, Object> report) {
		for (Map<String, Object> t : (List<Map<String, Object>>) report.get("targets")) {
			Bench.say("target",
					String.format("%-42s %10s  p99 %s ms  %-7s (target %s; %s: %s, ratio %s)", t.get("name"),
							t.get("measured"), t.get("p99Ms"), Boolean.TRUE.equals(t.get("met")) ? "MET" : "NOT MET",
							t.get("target"), t.get("reference"), t.get("referenceValue"), t.get("ratioToReference")));
		}
		for (Map<String, Object> c : (List<Map<String, Object>>) report.get("checks")) {
			Bench.say("check", c.get("run") + ": " + (Boolean.TRUE.equals(c.get("ok")) ? "OK" : "FAILED") + " " + c);
		}
	}

}
