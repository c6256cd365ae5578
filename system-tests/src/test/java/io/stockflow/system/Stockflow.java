package io.stockflow.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The system under test: every service started by {@code ./stockflow up} as its own
 * process, in the environment {@code systest} (own vhost, databases and ports
 * 18080-18084), so a developer's running copy is left alone. Started once per test run,
 * stopped when the run ends.
 */
final class Stockflow {

	static final String ENV = "systest";

	static final int PORT_BASE = 18080;

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static Stockflow system;

	private final Path root;

	private Stockflow(Path root) {
		this.root = root;
	}

	/**
	 * @return the running system, started on first use
	 */
	static synchronized Stockflow system() {
		if (system == null) {
			Stockflow starting = new Stockflow(repositoryRoot());
			Result up = starting.launcher("up");
			if (up.exitCode() != 0) {
				throw new IllegalStateException("./stockflow up failed:\n" + up.output());
			}
			system = starting;
		}
		return system;
	}

	/** Stops the services if this run started them. */
	static synchronized void shutdown() {
		if (system != null) {
			system.launcher("down");
			system = null;
		}
	}

	/**
	 * Runs the launcher in the test environment.
	 * @param args its arguments
	 * @return its exit code and output
	 */
	Result launcher(String... args) {
		try {
			ProcessBuilder builder = new ProcessBuilder(java.util.stream.Stream
				.concat(java.util.stream.Stream.of("./stockflow"), java.util.Arrays.stream(args))
				.toList()).directory(this.root.toFile()).redirectErrorStream(true);
			builder.environment().put("STOCKFLOW_ENV", ENV);
			builder.environment().put("STOCKFLOW_PORT_BASE", Integer.toString(PORT_BASE));
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(10, TimeUnit.MINUTES)) {
				process.destroyForcibly();
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

	/**
	 * @return a client of the gateway
	 */
	RestClient gateway() {
		return http(0);
	}

	/**
	 * @param offset the service's port offset (0 gateway … 4 health-monitor)
	 * @return a client of that service
	 */
	RestClient http(int offset) {
		return RestClient.builder().baseUrl("http://127.0.0.1:" + (PORT_BASE + offset)).build();
	}

	/**
	 * @return a bearer token of the bootstrap admin
	 */
	String adminToken() {
		Map<String, Object> token = gateway().post()
			.uri("/api/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", adminUsername(), "password", secret("STOCKFLOW_ADMIN_PASSWORD")))
			.retrieve()
			.body(JSON);
		return (String) token.get("accessToken");
	}

	/**
	 * Sends a JSON request and keeps whatever comes back, errors included.
	 * @param method HTTP method
	 * @param path the path
	 * @param token a bearer token, or null
	 * @param body the body, or null
	 * @return status, headers and JSON body
	 */
	ResponseEntity<Map<String, Object>> call(String method, String path, String token, Object body) {
		RestClient.RequestBodySpec request = gateway().method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(path)
			.headers((h) -> {
				if (token != null) {
					h.setBearerAuth(token);
				}
			});
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange((req, res) -> ResponseEntity.status(res.getStatusCode())
			.headers(res.getHeaders())
			.body((res.getHeaders().getContentLength() == 0) ? null : res.bodyTo(JSON)));
	}

	private String adminUsername() {
		String fromEnv = System.getenv("STOCKFLOW_ADMIN_USERNAME");
		return (fromEnv != null && !fromEnv.isBlank()) ? fromEnv : "admin";
	}

	private String secret(String key) {
		String fromEnv = System.getenv(key);
		if (fromEnv != null && !fromEnv.isBlank()) {
			return fromEnv;
		}
		try {
			List<String> lines = Files.readAllLines(this.root.resolve("var/secrets.env"));
			return lines.stream()
				.filter((l) -> l.startsWith(key + "="))
				.map((l) -> l.substring(key.length() + 1))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(key + " not in var/secrets.env"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isExecutable(dir.resolve("stockflow"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("./stockflow not found above " + Path.of("").toAbsolutePath());
		}
		return dir;
	}

	/**
	 * The awaiting used by every system test: generous, since a start on 2 cores is slow.
	 */
	static Duration patience() {
		return Duration.ofSeconds(60);
	}

	/**
	 * @param exitCode the launcher's exit code
	 * @param output what it printed
	 */
	record Result(int exitCode, String output) {
	}

}
