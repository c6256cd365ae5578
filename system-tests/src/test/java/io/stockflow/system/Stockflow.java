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
 * 18080-18084, both configurable, see {@link #ENV}), so a developer's running copy is
 * left alone. Started once per test run, stopped when the run ends.
 */
final class Stockflow {

	/**
	 * The environment's name; {@code STOCKFLOW_SYSTEST_ENV} picks another (parallel
	 * checkouts).
	 */
	static final String ENV = System.getenv().getOrDefault("STOCKFLOW_SYSTEST_ENV", "systest");

	/**
	 * The gateway's port, the others follow; {@code STOCKFLOW_SYSTEST_PORT_BASE} picks
	 * another.
	 */
	static final int PORT_BASE = Integer.parseInt(System.getenv().getOrDefault("STOCKFLOW_SYSTEST_PORT_BASE", "18080"));

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static Stockflow system;

	private static IllegalStateException failedToStart;

	private final Path root;

	private Stockflow(Path root) {
		this.root = root;
	}

	/**
	 * @return the running system, started on first use
	 */
	static synchronized Stockflow system() {
		if (failedToStart != null) {
			throw failedToStart;
		}
		if (system == null) {
			Stockflow starting = new Stockflow(repositoryRoot());
			Result reset = starting.launcher("reset");
			if (reset.exitCode() != 0) {
				failedToStart = new IllegalStateException("./stockflow reset failed:\n" + reset.output());
				throw failedToStart;
			}
			Result up = starting.launcher("up");
			if (up.exitCode() != 0) {
				failedToStart = new IllegalStateException("./stockflow up failed:\n" + up.output());
				throw failedToStart;
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

	/**
	 * Registers a customer (password: the name + {@code -password}) and signs them in.
	 * @param username a user name not yet taken in this run
	 * @return their bearer token
	 */
	String newCustomerToken(String username) {
		String password = username + "-password";
		call("POST", "/api/auth/register", null, Map.of("username", username, "password", password));
		Map<String, Object> token = call("POST", "/api/auth/token", null,
				Map.of("username", username, "password", password))
			.getBody();
		return (String) token.get("accessToken");
	}

	/**
	 * Looks at up to 100 messages of a queue of the test vhost, leaving them there.
	 * @param queue the queue
	 * @return the messages: {@code payload} (a string) and {@code properties} (with
	 * headers)
	 */
	List<Map<String, Object>> peek(String queue) {
		return management().post()
			.uri("/queues/{vhost}/{queue}/get", "stockflow-" + ENV, queue)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("count", 100, "ackmode", "ack_requeue_true", "encoding", "auto"))
			.retrieve()
			.body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			});
	}

	/**
	 * Publishes a message to an exchange of the test vhost as it is, headers included.
	 * @param exchange the exchange
	 * @param routingKey the routing key
	 * @param payload the body
	 * @param properties AMQP properties as the management API names them
	 */
	void publish(String exchange, String routingKey, String payload, Map<String, Object> properties) {
		Map<String, Object> routed = management().post()
			.uri("/exchanges/{vhost}/{exchange}/publish", "stockflow-" + ENV, exchange)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("properties", properties, "routing_key", routingKey, "payload", payload, "payload_encoding",
					"string"))
			.retrieve()
			.body(JSON);
		if (!Boolean.TRUE.equals(routed.get("routed"))) {
			throw new IllegalStateException("not routed: " + exchange + " " + routingKey);
		}
	}

	/**
	 * Signs a body with the services' shared key, as a service would.
	 * @param body the body
	 * @return the value of the {@code x-stockflow-signature} header
	 */
	String sign(String body) {
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new javax.crypto.spec.SecretKeySpec(
					secret("STOCKFLOW_COMMAND_SIGNING_KEY").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "v1:" + java.util.Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Dumps the data of every service's database, each as its own user.
	 * @return one SQL dump per database
	 */
	List<String> dumpDatabases() {
		List<String> dumps = new java.util.ArrayList<>();
		for (String suffix : List.of("gateway", "inventory", "orders", "catalog", "health")) {
			String database = "stockflow_" + ENV + "_" + suffix;
			ProcessBuilder pgDump = new ProcessBuilder("pg_dump", "--data-only", "-h", "127.0.0.1", "-U", database,
					database)
				.redirectErrorStream(true);
			pgDump.environment().put("PGPASSWORD", secret("STOCKFLOW_DB_PASSWORD_" + suffix.toUpperCase()));
			try {
				Process process = pgDump.start();
				String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (process.waitFor() != 0) {
					throw new IllegalStateException("pg_dump " + database + " failed: " + dump);
				}
				dumps.add(dump);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		return dumps;
	}

	/**
	 * @return the repository root
	 */
	Path root() {
		return this.root;
	}

	private RestClient management() {
		// HTTP/1.1: the management API's server mishandles the JDK client's h2c upgrade
		java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
			.version(java.net.http.HttpClient.Version.HTTP_1_1)
			.build();
		return RestClient.builder()
			.requestFactory(new org.springframework.http.client.JdkClientHttpRequestFactory(http))
			.baseUrl("http://127.0.0.1:15672/api")
			.defaultHeaders((h) -> h.setBasicAuth("stockflow-admin", secret("STOCKFLOW_RABBITMQ_ADMIN_PASSWORD")))
			.build();
	}

	/**
	 * The status code of a request, without reading its body (for streams).
	 * @param method HTTP method
	 * @param path the path
	 * @param token a bearer token, or null
	 * @return the status code
	 */
	int status(String method, String path, String token) {
		return gateway().method(org.springframework.http.HttpMethod.valueOf(method)).uri(path).headers((h) -> {
			if (token != null) {
				h.setBearerAuth(token);
			}
		}).exchange((req, res) -> res.getStatusCode().value());
	}

	/**
	 * Sends CSV text and keeps whatever comes back.
	 * @param path the path
	 * @param token a bearer token, or null
	 * @param csv the CSV text
	 * @return status and JSON body
	 */
	ResponseEntity<Map<String, Object>> postCsv(String path, String token, String csv) {
		return gateway().post().uri(path).headers((h) -> {
			if (token != null) {
				h.setBearerAuth(token);
			}
		})
			.contentType(MediaType.parseMediaType("text/csv"))
			.body(csv)
			.exchange((req, res) -> ResponseEntity.status(res.getStatusCode())
				.headers(res.getHeaders())
				.body((res.getHeaders().getContentLength() == 0) ? null : res.bodyTo(JSON)));
	}

	/**
	 * Places an order and waits until order-service knows it.
	 * @param token the customer's token
	 * @param lines sku and quantity pairs
	 * @return the order id
	 */
	String placeOrder(String token, Object... lines) {
		List<Map<String, Object>> body = new java.util.ArrayList<>();
		for (int i = 0; i < lines.length; i += 2) {
			body.add(Map.of("sku", lines[i], "quantity", lines[i + 1]));
		}
		ResponseEntity<Map<String, Object>> placed = gateway().post().uri("/api/orders").headers((h) -> {
			h.setBearerAuth(token);
			h.set("Idempotency-Key", java.util.UUID.randomUUID().toString());
		})
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("lines", body))
			.exchange((req, res) -> ResponseEntity.status(res.getStatusCode()).body(res.bodyTo(JSON)));
		if (placed.getStatusCode().value() != 202) {
			throw new IllegalStateException("order not accepted: " + placed);
		}
		String orderId = (String) placed.getBody().get("orderId");
		org.awaitility.Awaitility.await()
			.atMost(patience())
			.until(() -> call("GET", "/api/orders/" + orderId, token, null).getStatusCode().value() == 200);
		return orderId;
	}

	/**
	 * Waits until an order reaches a final status.
	 * @param token a token that may read it
	 * @param orderId the order
	 * @return the order
	 */
	Map<String, Object> awaitFinal(String token, String orderId) {
		return org.awaitility.Awaitility.await()
			.atMost(patience())
			.until(() -> call("GET", "/api/orders/" + orderId, token, null).getBody(),
					(o) -> o != null && !"PENDING".equals(o.get("status")));
	}

	/**
	 * Adds an item through the gateway and waits until the catalogue serves it.
	 * @param admin an admin token
	 * @param sku the sku
	 * @param price its price
	 * @param quantity its stock at blr-1
	 */
	void addItem(String admin, String sku, String price, int quantity) {
		call("POST", "/api/admin/items", admin, Map.of("sku", sku, "brand", "Titan", "model", "Edge", "description", "",
				"price", price, "stock", List.of(Map.of("location", "blr-1", "quantity", quantity))));
		org.awaitility.Awaitility.await()
			.atMost(patience())
			.until(() -> call("GET", "/api/items/" + sku, null, null).getStatusCode().value() == 200);
	}

	String adminUsername() {
		String fromEnv = System.getenv("STOCKFLOW_ADMIN_USERNAME");
		return (fromEnv != null && !fromEnv.isBlank()) ? fromEnv : "admin";
	}

	String secret(String key) {
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

	/**
	 * @return the checkout: the nearest directory above with the {@code ./stockflow}
	 * launcher
	 */
	static Path repositoryRoot() {
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
	 * @param list a JSON array of objects
	 * @param key a field of each
	 * @return that field of each, in order
	 */
	static List<Object> pluck(Object list, String key) {
		return ((List<?>) list).stream().map((e) -> (Object) ((Map<?, ?>) e).get(key)).toList();
	}

	/**
	 * @param object a JSON object
	 * @return it, typed
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object object) {
		return (Map<String, Object>) object;
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
