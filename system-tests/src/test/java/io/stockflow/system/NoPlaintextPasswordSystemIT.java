package io.stockflow.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No password in plain text: not in any table of any service's database, not in any log.
 */
class NoPlaintextPasswordSystemIT {

	static Stockflow stockflow;

	@BeforeAll
	static void start() {
		stockflow = Stockflow.system();
	}

	@Test
	void passwordsAppearInNoTableAndNoLog() throws IOException {
		String right = "canary-right-" + System.nanoTime();
		String wrong = "canary-wrong-" + System.nanoTime();
		String user = "canary" + System.nanoTime() % 100000;
		assertThat(stockflow.call("POST", "/api/auth/register", null, Map.of("username", user, "password", right))
			.getStatusCode()
			.value()).isEqualTo(201);
		assertThat(stockflow.call("POST", "/api/auth/token", null, Map.of("username", user, "password", right))
			.getStatusCode()
			.value()).isEqualTo(200);
		assertThat(stockflow.call("POST", "/api/auth/token", null, Map.of("username", user, "password", wrong))
			.getStatusCode()
			.value()).isEqualTo(401);
		List<String> secrets = List.of(right, wrong, stockflow.secret("STOCKFLOW_ADMIN_PASSWORD"));

		String dumps = String.join("\n", stockflow.dumpDatabases());
		String logs = readLogs();

		assertThat(dumps).contains(user);
		assertThat(logs).isNotEmpty();
		for (String secret : secrets) {
			assertThat(dumps).doesNotContain(secret);
			assertThat(logs).doesNotContain(secret);
		}
	}

	private static String readLogs() throws IOException {
		Path dir = stockflow.root().resolve("var/env/" + Stockflow.ENV + "/log");
		StringBuilder all = new StringBuilder();
		try (Stream<Path> files = Files.list(dir)) {
			for (Path file : files.toList()) {
				all.append(Files.readString(file, StandardCharsets.UTF_8));
			}
		}
		return all.toString();
	}

}
