package io.stockflow.system;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the launcher reports, and what each service's readiness covers. */
class LauncherSystemIT {

	static Stockflow stockflow;

	@BeforeAll
	static void start() {
		stockflow = Stockflow.system();
	}

	@Test
	void statusShowsEveryServiceUpWithItsPidAndPort() {
		Stockflow.Result status = stockflow.launcher("status");

		assertThat(status.exitCode()).isZero();
		List<String> lines = status.output().lines().filter((l) -> !l.isBlank()).toList();
		assertThat(lines).hasSize(5).allMatch((l) -> l.matches("[a-z-]+\\s+UP\\s+\\d+\\s+\\d+"), "name UP pid port");
		assertThat(lines.stream().map((l) -> Integer.parseInt(l.substring(l.lastIndexOf(' ') + 1))))
			.containsExactlyInAnyOrder(Stockflow.PORT_BASE, Stockflow.PORT_BASE + 1, Stockflow.PORT_BASE + 2,
					Stockflow.PORT_BASE + 3, Stockflow.PORT_BASE + 4);
	}

	@Test
	void readinessOfEveryServiceIncludesItsBrokerAndDatabase() {
		for (int offset = 0; offset < 5; offset++) {
			Map<String, Object> readiness = stockflow.http(offset)
				.get()
				.uri("/actuator/health/readiness")
				.retrieve()
				.body(Stockflow.JSON);

			assertThat(readiness).containsEntry("status", "UP");
			assertThat((Map<String, Object>) readiness.get("components")).containsKeys("db", "rabbit");
		}
	}

	@Test
	void unknownServiceIsAClearError() {
		Stockflow.Result result = stockflow.launcher("start", "no-such-service");

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("inventory-service");
	}

}
