package io.stockflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;

/**
 * Writes a run's figures as {@code <stamp>.json} and a self-contained
 * {@code <stamp>.html} (inline SVG bar charts, no scripts, nothing fetched).
 */
final class Report {

	private Report() {
	}

	static Path write(Path directory, String stamp, Map<String, Object> report) {
		try {
			Files.createDirectories(directory);
			Path json = directory.resolve(stamp + ".json");
			Files.writeString(json,
					Api.JSON.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(report)
							+ "\n");
			Files.writeString(directory.resolve(stamp + ".html"), html(stamp, report));
			return json;
		}
		catch (IOException ex) {
			throw new IllegalStateException("writing the report: " + ex, ex);
		}
	}

	@SuppressWarnings("unchecked")
	static String html(String stamp, Map<String, Object> report) {
		StringBuilder page = new StringBuilder("""
				<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stockflow bench %s</title>
				<style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}
				td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}.met{color:#075}.not{color:#b00}
				svg text{font-size:12px;font-family:sans-serif}</style></head><body>
				<h1>Stockflow bench %s (%s)</h1>
				""".formatted(stamp, stamp, report.get("mode")));
		page.append("<h2>Targets</h2><table><tr><th>what</th><th>measured</th><th>p99 ms</th><th>target</th>")
			.append("<th>reference</th><th>ratio</th></tr>");
		for (Map<String, Object> t : (List<Map<String, Object>>) report.get("targets")) {
			boolean met = Boolean.TRUE.equals(t.get("met"));
			page.append(
					"<tr><td>%s</td><td class=\"%s\">%s %s</td><td>%s</td><td>%s</td><td>%s: %s</td><td>%s</td></tr>"
						.formatted(esc(t.get("name")), met ? "met" : "not", t.get("measured"), met ? "✔" : "✘",
								t.get("p99Ms"), esc(t.get("target")), esc(t.get("reference")), t.get("referenceValue"),
								t.get("ratioToReference")));
		}
		page.append("</table>");
		List<Object[]> throughput = new ArrayList<>();
		add(throughput, "reads/s (wrk, 1000+ skus)", Targets.num(report, "reads", "max", "requestsPerSecond"));
		add(throughput, "reference: wrk /actuator/info",
				Targets.num(report, "references", "wrkTrivial", "requestsPerSecond"));
		add(throughput, "reference: PerfTest msg/s", Targets.num(report, "references", "perfTest", "sentPerSecond"));
		add(throughput, "reference: pgbench random row tps",
				Targets.num(report, "references", "pgbench", "randomRowTps"));
		add(throughput, "reference: pgbench hot row tps", Targets.num(report, "references", "pgbench", "hotRowTps"));
		add(throughput, "hot sku decided orders/s", Targets.num(report, "hotSku", "decidedPerSecond"));
		if (report.get("orders") instanceof Map<?, ?> orders) {
			for (Map<String, Object> step : (List<Map<String, Object>>) orders.get("steps")) {
				add(throughput, "orders decided/s at " + step.get("offeredPerSecond") + "/s offered",
						Targets.num(step, "decidedPerSecond"));
			}
		}
		page.append(chart("Throughput per second", throughput, null));
		List<Object[]> latency = new ArrayList<>();
		if (report.get("reads") instanceof Map<?, ?> reads) {
			add(latency, "reads p99 at max (wrk)", Targets.num((Map<String, Object>) reads, "max", "latencyMs", "p99"));
			for (Map<String, Object> step : (List<Map<String, Object>>) reads.get("fixedRates")) {
				for (String p : List.of("p50", "p99", "p999")) {
					add(latency, "reads " + p + " at " + step.get("offeredPerSecond") + "/s",
							Targets.num(step, "latencyMs", p));
				}
			}
		}
		page.append(chart("Read latency, ms (target p99 ≤ 20 ms)", latency, 20.0));
		List<Object[]> orderLatency = new ArrayList<>();
		if (report.get("orders") instanceof Map<?, ?> orders) {
			for (Map<String, Object> step : (List<Map<String, Object>>) orders.get("steps")) {
				for (String p : List.of("p50", "p99", "p999")) {
					add(orderLatency, "POST→decided " + p + " at " + step.get("offeredPerSecond") + "/s",
							Targets.num(step, "postToDecidedMs", p));
				}
			}
		}
		add(orderLatency, "hot sku POST→decided p99", Targets.num(report, "hotSku", "postToDecidedMs", "p99"));
		page.append(chart("Order latency, ms (target p99 ≤ 250 ms)", orderLatency, 250.0));
		page.append(cpuChart(report));
		List<Object[]> rss = new ArrayList<>();
		if (report.get("rssMiB") instanceof Map<?, ?> map) {
			map.forEach((service, mib) -> add(rss, service.toString(), ((Number) mib).doubleValue()));
		}
		page.append(chart("Peak RSS under load, MiB (limit 512)", rss, 512.0));
		page.append("<h2>Correctness checks</h2><ul>");
		for (Map<String, Object> c : (List<Map<String, Object>>) report.get("checks")) {
			page.append("<li class=\"%s\">%s</li>".formatted(Boolean.TRUE.equals(c.get("ok")) ? "met" : "not",
					esc(c.toString())));
		}
		return page.append("</ul><p>Raw figures: ").append(stamp).append(".json</p></body></html>\n").toString();
	}

	/**
	 * Where a decided order's CPU went in the busiest order step, against the budget of
	 * 1,000 orders/s on 2 cores (2 ms for the whole machine).
	 */
	@SuppressWarnings("unchecked")
	private static String cpuChart(Map<String, Object> report) {
		if (!(report.get("orders") instanceof Map<?, ?> orders)) {
			return "";
		}
		Map<String, Object> busiest = null;
		for (Map<String, Object> step : (List<Map<String, Object>>) orders.get("steps")) {
			if (step.get("cpuMsPerOrder") instanceof Map<?, ?>) {
				busiest = step;
			}
		}
		if (busiest == null) {
			return "";
		}
		List<Object[]> cpu = new ArrayList<>();
		((Map<String, Object>) busiest.get("cpuMsPerOrder"))
			.forEach((part, ms) -> add(cpu, part, ((Number) ms).doubleValue()));
		return chart("CPU a decided order at " + busiest.get("offeredPerSecond")
				+ "/s offered, ms (1,000 orders/s on 2 cores: 2 ms for the machine)", cpu, 2.0);
	}

	private static void add(List<Object[]> bars, String label, Double value) {
		if (value != null) {
			bars.add(new Object[] { label, value });
		}
	}

	/** A horizontal bar chart, with an optional limit drawn as a red line. */
	static String chart(String title, List<Object[]> bars, Double limit) {
		if (bars.isEmpty()) {
			return "";
		}
		int labelWidth = 290;
		int width = 460;
		int row = 22;
		double max = (limit != null) ? limit : 0;
		for (Object[] bar : bars) {
			max = Math.max(max, (Double) bar[1]);
		}
		max = (max == 0) ? 1 : max * 1.1;
		StringBuilder svg = new StringBuilder("<h2>%s</h2><svg width=\"%d\" height=\"%d\" role=\"img\">"
			.formatted(esc(title), labelWidth + width + 80, bars.size() * row + 10));
		for (int i = 0; i < bars.size(); i++) {
			double value = (Double) bars.get(i)[1];
			int y = i * row + 5;
			int length = (int) Math.round(value / max * width);
			svg.append("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>".formatted(labelWidth - 6, y + 14,
					esc(bars.get(i)[0])));
			svg.append("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>".formatted(labelWidth, y,
					Math.max(length, 1), row - 6, bars.get(i)[0].toString().startsWith("reference") ? "#999" : "#37a"));
			svg.append("<text x=\"%d\" y=\"%d\">%s</text>".formatted(labelWidth + length + 4, y + 14, value));
		}
		if (limit != null) {
			int x = labelWidth + (int) Math.round(limit / max * width);
			svg.append("<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" stroke=\"#c00\" stroke-dasharray=\"4\"/>"
				.formatted(x, x, bars.size() * row + 10));
		}
		return svg.append("</svg>").toString();
	}

	private static String esc(Object text) {
		return String.valueOf(text)
			.replace("&", "&amp;")
			.replace("<", "&lt;")
			.replace(">", "&gt;")
			.replace("\"", "&quot;");
	}

}
