package io.stockflow.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTests {

	@Test
	void evaluatesEachTargetWithItsRatioToTheReference() {
		Map<String, Object> report = sampleReport();

		List<Map<String, Object>> targets = Targets.evaluate(report);

		assertThat(targets).extracting((t) -> t.get("met")).containsExactly(true, false, true);
		assertThat(targets.get(0)).containsEntry("ratioToReference", 0.5);
		assertThat(targets.get(1)).containsEntry("measured", 900.0)
			.containsEntry("ratioToReference", 0.1)
			.containsEntry("keptUpWithOffer", true);
		assertThat(targets.get(2)).containsEntry("ratioToReference", 3.2);
	}

	@Test
	void writesASelfContainedPage() {
		Map<String, Object> report = sampleReport();
		report.put("targets", Targets.evaluate(report));

		String html = Report.html("20261125-120000", report);

		assertThat(html).contains("<svg", "reads/s", "MET".toLowerCase())
			.doesNotContain("<script", "http://", "https://");
	}

	@Test
	void chartsWhereAnOrdersCpuWentInTheBusiestStep() {
		Map<String, Object> report = sampleReport();
		report.put("targets", Targets.evaluate(report));

		String html = Report.html("20261125-120000", report);

		assertThat(html).contains("CPU a decided order at 1000/s offered", ">gateway<", ">0.78<", ">machine<", ">2.6<");
	}

	private static Map<String, Object> sampleReport() {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("mode", "quick");
		report.put("references", Map.of("wrkTrivial", Map.of("requestsPerSecond", 24000.0), "perfTest",
				Map.of("sentPerSecond", 9000.0), "pgbench", Map.of("randomRowTps", 6000.0, "hotRowTps", 1500.0)));
		report.put("reads", Map.of("max", Map.of("requestsPerSecond", 12000.0, "latencyMs", Map.of("p99", 15.0)),
				"fixedRates", List.of()));
		Map<String, Object> step = new LinkedHashMap<>();
		step.put("offeredPerSecond", 1000);
		step.put("decidedPerSecond", 900.0);
		step.put("stuck", 0L);
		step.put("postToDecidedMs", Map.of("p50", 40.0, "p99", 120.0, "p999", 200.0));
		step.put("cpuMsPerOrder", new LinkedHashMap<>(Map.of("machine", 2.6, "gateway", 0.78)));
		report.put("orders", Map.of("steps", List.of(step)));
		report.put("hotSku", Map.of("decidedPerSecond", 4800.0, "postToDecidedMs", Map.of("p99", 90.0), "check",
				Map.of("oversold", 0L)));
		report.put("rssMiB", Map.of("gateway", 300.0));
		report.put("checks", List.of(Map.of("run", "orders at 1000/s", "ok", true)));
		return report;
	}

}
