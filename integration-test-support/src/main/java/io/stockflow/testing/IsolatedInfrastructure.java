package io.stockflow.testing;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.web.client.RestClient;

/**
 * A RabbitMQ vhost carrying the Stockflow topology and a PostgreSQL database of its own,
 * on the real local services, for one test class. Names carry their creation time, so
 * leftovers of earlier runs (older than a quarter of an hour) are swept when a new one is
 * made.
 *
 * <pre>
 * static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("inventory");
 *
 * &#64;DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     infra.register(registry);
 * }
 * </pre>
 */
public final class IsolatedInfrastructure {

	private static final Logger log = LoggerFactory.getLogger(IsolatedInfrastructure.class);

	private static final Map<String, String> SECRETS = LocalSecrets.read();

	private static final String PG_ADMIN_URL = setting("STOCKFLOW_TEST_PG_URL",
			"jdbc:postgresql://127.0.0.1:5432/postgres");

	private static final String PG_ADMIN_USER = setting("STOCKFLOW_TEST_PG_USER", "stockflow_test");

	private static final String PG_ADMIN_PASSWORD = setting("STOCKFLOW_TEST_PG_PASSWORD", "");

	private static final String RABBIT_HOST = setting("STOCKFLOW_TEST_RABBITMQ_HOST", "127.0.0.1");

	private static final String RABBIT_USER = setting("STOCKFLOW_TEST_RABBITMQ_USER", "stockflow-admin");

	private static final String RABBIT_PASSWORD = setting("STOCKFLOW_TEST_RABBITMQ_PASSWORD",
			SECRETS.getOrDefault("STOCKFLOW_RABBITMQ_ADMIN_PASSWORD", ""));

	private static final long STALE_SECONDS = 900;

	/**
	 * The message signing key of integration tests; tests that forge messages use it too.
	 */
	public static final String SIGNING_KEY = "integration-test-signing-key";

	private final String vhost;

	private final String database;

	private IsolatedInfrastructure(String vhost, String database) {
		this.vhost = vhost;
		this.database = database;
	}

	/**
	 * Creates a vhost with the topology of {@code deploy/rabbitmq/definitions.json} and
	 * an empty database.
	 * @param name a short name for people reading the broker or database list
	 * @return the new infrastructure
	 */
	public static IsolatedInfrastructure create(String name) {
		String id = Instant.now().getEpochSecond() + "_" + UUID.randomUUID().toString().substring(0, 8);
		String safe = name.toLowerCase().replaceAll("[^a-z0-9]", "");
		IsolatedInfrastructure infra = new IsolatedInfrastructure("it-" + id + "-" + safe, "it_" + id + "_" + safe);
		sweepStale();
		infra.createVhost();
		infra.awaitQueuesRunning();
		infra.createDatabase();
		Runtime.getRuntime().addShutdownHook(new Thread(infra::delete, "delete-" + infra.vhost));
		return infra;
	}

	/**
	 * Points Spring's RabbitMQ and data source settings at this infrastructure.
	 * @param registry the test's dynamic properties
	 */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("spring.rabbitmq.host", () -> RABBIT_HOST);
		registry.add("spring.rabbitmq.port", () -> 5672);
		registry.add("spring.rabbitmq.username", () -> RABBIT_USER);
		registry.add("spring.rabbitmq.password", () -> RABBIT_PASSWORD);
		registry.add("spring.rabbitmq.virtual-host", () -> this.vhost);
		registry.add("spring.datasource.url", this::jdbcUrl);
		registry.add("spring.datasource.username", () -> PG_ADMIN_USER);
		registry.add("spring.datasource.password", () -> PG_ADMIN_PASSWORD);
		registry.add("stockflow.messaging.signing-key", () -> SIGNING_KEY);
		registry.add("stockflow.redis-prefix", () -> this.vhost + ":");
	}

	/**
	 * @return the vhost's name
	 */
	public String vhost() {
		return this.vhost;
	}

	/**
	 * @return the database's JDBC URL
	 */
	public String jdbcUrl() {
		return PG_ADMIN_URL.substring(0, PG_ADMIN_URL.lastIndexOf('/') + 1) + this.database;
	}

	/**
	 * @return a client of the RabbitMQ management API, authenticated as the test admin
	 */
	public static RestClient management() {
		// HTTP/1.1: the management API's server mishandles the JDK client's h2c upgrade
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(java.time.Duration.ofSeconds(30));
		return RestClient.builder()
			.requestFactory(requests)
			.baseUrl("http://" + RABBIT_HOST + ":15672/api")
			.defaultHeaders((h) -> h.setBasicAuth(RABBIT_USER, RABBIT_PASSWORD))
			.build();
	}

	private void createVhost() {
		withRetries(() -> management().put().uri("/vhosts/{vhost}", this.vhost).retrieve().toBodilessEntity());
		withRetries(() -> management().put()
			.uri("/permissions/{vhost}/{user}", this.vhost, RABBIT_USER)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("configure", ".*", "write", ".*", "read", ".*"))
			.retrieve()
			.toBodilessEntity());
		withRetries(() -> management().post()
			.uri("/definitions/{vhost}", this.vhost)
			.contentType(MediaType.APPLICATION_JSON)
			.body(readDefinitions())
			.retrieve()
			.toBodilessEntity());
	}

	/** The management API drops a connection now and then under load: three tries. */
	private static void withRetries(Runnable call) {
		for (int attempt = 1;; attempt++) {
			try {
				call.run();
				return;
			}
			catch (org.springframework.web.client.ResourceAccessException ex) {
				if (attempt == 3) {
					throw ex;
				}
				log.warn("RabbitMQ management API call failed, trying again: {}", ex.getMessage());
			}
		}
	}

	/**
	 * Quorum queues start one by one; a vhost is used only once all of its queues run, so
	 * the test's first connection does not wait on a broker still busy creating them.
	 */
	private void awaitQueuesRunning() {
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(this::allQueuesRunning);
	}

	private boolean allQueuesRunning() {
		List<Map<String, Object>> queues = management().get()
			.uri("/queues/{vhost}?columns=name,state", this.vhost)
			.retrieve()
			.body(List.class);
		// "live" until the first statistics come in, then "running"
		return queues != null && !queues.isEmpty()
				&& queues.stream().allMatch((q) -> "running".equals(q.get("state")) || "live".equals(q.get("state")));
	}

	/**
	 * At the end of the test run: the vhost and the database go, so the broker stays
	 * light.
	 */
	private void delete() {
		try {
			management().delete().uri("/vhosts/{vhost}", this.vhost).retrieve().toBodilessEntity();
			admin().sql("drop database if exists " + this.database + " with (force)").update();
		}
		catch (RuntimeException ex) {
			log.debug("Leaving {} for the next sweep: {}", this.vhost, ex.getMessage());
		}
	}

	private void createDatabase() {
		admin().sql("create database " + this.database).update();
	}

	private static void sweepStale() {
		long now = Instant.now().getEpochSecond();
		List<String> databases = admin().sql("select datname from pg_database where datname like 'it\\_%'")
			.query(String.class)
			.list();
		for (String db : databases) {
			if (isStale(db, now)) {
				try {
					admin().sql("drop database if exists " + db + " with (force)").update();
				}
				catch (RuntimeException ex) {
					log.info("Leaving stale test database {} (not ours to drop): {}", db, ex.getMessage());
				}
			}
		}
		List<Map<String, Object>> vhosts = management().get().uri("/vhosts").retrieve().body(List.class);
		for (Map<String, Object> vhost : vhosts) {
			String name = (String) vhost.get("name");
			if (name.startsWith("it-") && isStale(name, now)) {
				management().delete().uri("/vhosts/{vhost}", name).retrieve().toBodilessEntity();
			}
		}
	}

	private static boolean isStale(String name, long now) {
		try {
			long created = Long.parseLong(name.substring(3).split("[_-]")[0]);
			return now - created > STALE_SECONDS;
		}
		catch (RuntimeException ex) {
			log.debug("Not a test resource name: {}", name);
			return false;
		}
	}

	private static String readDefinitions() {
		Path definitions = LocalSecrets.repositoryRoot().resolve("deploy/rabbitmq/definitions.json");
		try {
			return Files.readString(definitions);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + definitions, ex);
		}
	}

	private static JdbcClient admin() {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), PG_ADMIN_URL,
				PG_ADMIN_USER, PG_ADMIN_PASSWORD);
		return JdbcClient.create(dataSource);
	}

	/**
	 * An environment variable, else the same key in var/secrets.env, else the fallback.
	 */
	private static String setting(String name, String fallback) {
		String value = System.getenv(name);
		if (value == null || value.isBlank()) {
			value = SECRETS.get(name);
		}
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
