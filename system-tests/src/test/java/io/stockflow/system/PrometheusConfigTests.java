package io.stockflow.system;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The shipped Prometheus configuration, alert rules and their unit tests, checked with
 * {@code promtool} (Debian package {@code prometheus}; {@code ./stockflow infra} installs
 * it). No running system needed.
 */
class PrometheusConfigTests {

	static Path prometheus;

	static String promtool;

	@BeforeAll
	static void findPromtool() {
		prometheus = Stockflow.repositoryRoot().resolve("deploy/prometheus");
		promtool = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.map((dir) -> Path.of(dir, "promtool"))
			.filter(Files::isExecutable)
			.map(Path::toString)
			.findFirst()
			.orElse(null);
		if (promtool == null) {
			fail("promtool not found on PATH: run ./stockflow infra (it installs the Debian package prometheus) "
					+ "or apt-get install prometheus");
		}
	}

	@Test
	void localAndComposeConfigurationsAreValid() {
		Result check = promtool("check", "config", "prometheus.yml", "prometheus-compose.yml");

		assertThat(check.exitCode()).as(check.output()).isZero();
	}

	/**
	 * Debian builds Prometheus without Kubernetes service discovery, so its promtool does
	 * not know {@code kubernetes_sd_configs}: every other field must still be right.
	 */
	@Test
	void kubernetesConfigurationIsValid() {
		Result check = promtool("check", "config", "--syntax-only", "prometheus-kubernetes.yml");

		if (check.exitCode() != 0) {
			List<String> problems = check.output()
				.lines()
				.filter((l) -> l.matches("\\s*line \\d+: .*"))
				.filter((l) -> !l.contains("field kubernetes_sd_configs not found"))
				.toList();
			assertThat(check.output()).as("promtool's answer").contains("kubernetes_sd_configs not found");
			assertThat(problems).as(check.output()).isEmpty();
		}
	}

	@Test
	void alertRulesAreValid() {
		Result check = promtool("check", "rules", "rules/stockflow-alerts.yml");

		assertThat(check.exitCode()).as(check.output()).isZero();
		assertThat(check.output()).contains("SUCCESS");
	}

	@Test
	void alertsFireAsTheirUnitTestsExpect() {
		Result test = promtool("test", "rules", "tests/stockflow-alerts-test.yml");

		assertThat(test.exitCode()).as(test.output()).isZero();
		assertThat(test.output()).contains("SUCCESS");
	}

	private static Result promtool(String... args) {
		List<String> command = new ArrayList<>(List.of(promtool));
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).directory(prometheus.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				fail("promtool did not finish: " + command);
			}
			return new Result(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Result(int exitCode, String output) {
	}

}
