package io.stockflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The physical references, measured in the same run on the same machine: what the broker
 * (RabbitMQ PerfTest), the database (pgbench) and the HTTP stack (wrk on a trivial
 * endpoint) can do on their own. Stockflow's figures are printed as ratios to these.
 */
final class References {

	static final String PERF_TEST_QUEUE = "bench.perftest";

	private final BenchSettings settings;

	References(BenchSettings settings) {
		this.settings = settings;
	}

	/**
	 * wrk against a path of the gateway.
	 * @param script the wrk Lua script under bench/wrk
	 * @param path the path
	 * @param connections open connections
	 * @param seconds duration
	 * @param args the script's arguments
	 * @return requests per second and latency percentiles
	 */
	Map<String, Object> wrk(String script, String path, int connections, int seconds, String... args) {
		List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "-s",
				this.settings.home().resolve("bench/wrk/" + script).toString(), this.settings.gatewayUrl() + path));
		if (args.length > 0) {
			command.add("--");
			command.addAll(List.of(args));
		}
		String out = Processes.run(command, null, seconds + 60);
		Matcher m = Pattern.compile("WRK_JSON (\\{.*\\})").matcher(out);
		if (!m.find()) {
			throw new IllegalStateException("wrk printed no summary:\n" + out);
		}
		JsonNode s = Api.JSON.readTree(m.group(1));
		double duration = s.get("durationUs").asLong() / 1e6;
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("path", path);
		result.put("connections", connections);
		result.put("requests", s.get("requests").asLong());
		result.put("requestsPerSecond", OpenLoop.round(s.get("requests").asLong() / duration));
		result.put("non2xx", s.get("non2xx").asLong());
		result.put("socketErrors", s.get("socketErrors").asLong());
		result.put("latencyMs",
				Map.of("p50", OpenLoop.ms(s.get("p50Us").asLong()), "p99", OpenLoop.ms(s.get("p99Us").asLong()), "p999",
						OpenLoop.ms(s.get("p999Us").asLong()), "max", OpenLoop.ms(s.get("maxUs").asLong())));
		return result;
	}

	/**
	 * pgbench on a scratch database of {@code stock} rows: one single-row decrement per
	 * transaction, on a random row and on one hot row.
	 * @return transactions per second of each script
	 */
	Map<String, Object> pgbench() {
		BenchSettings.Db db = this.settings.scratch();
		prepareScratchDatabase(db);
		Map<String, Object> result = new LinkedHashMap<>();
		int seconds = this.settings.stepSeconds();
		result.put("clients", 8);
		result.put("randomRowTps", pgbenchTps("bench/pgbench/reserve-random.sql", seconds));
		result.put("hotRowTps", pgbenchTps("bench/pgbench/reserve-hot.sql", seconds));
		return result;
	}

	private void prepareScratchDatabase(BenchSettings.Db db) {
		String name = this.settings.scratchDatabase();
		String serverUrl = db.url().replaceFirst("/[^/]*$", "/postgres");
		try (Connection server = DriverManager.getConnection(serverUrl, db.username(), db.password());
				Statement sql = server.createStatement()) {
			sql.execute("drop database if exists \"" + name + "\"");
			sql.execute("create database \"" + name + "\"");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("creating the scratch database " + name + ": " + ex.getMessage(), ex);
		}
		try (Connection scratch = DriverManager.getConnection(db.url(), db.username(), db.password());
				Statement sql = scratch.createStatement()) {
			sql.execute("create table stock (id int primary key, available bigint not null check (available >= 0))");
			sql.execute("insert into stock select g, 1000000000 from generate_series(1, 10000) g");
			sql.execute("vacuum analyze stock");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("filling the scratch database: " + ex.getMessage(), ex);
		}
	}

	private double pgbenchTps(String script, int seconds) {
		BenchSettings.Db db = this.settings.scratch();
		URI url = URI.create(db.url().substring("jdbc:".length()));
		List<String> command = List.of("pgbench", "-n", "-c", "8", "-j", "2", "-T", Integer.toString(seconds), "-h",
				url.getHost(), "-p", Integer.toString(url.getPort()), "-U", db.username(), "-f",
				this.settings.home().resolve(script).toString(), this.settings.scratchDatabase());
		String out = Processes.run(command, Map.of("PGPASSWORD", db.password()), seconds + 60);
		Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(out);
		if (!m.find()) {
			throw new IllegalStateException("pgbench printed no tps:\n" + out);
		}
		return OpenLoop.round(Double.parseDouble(m.group(1)));
	}

	/** Drops pgbench's scratch database. */
	void dropScratchDatabase() {
		BenchSettings.Db db = this.settings.scratch();
		String serverUrl = db.url().replaceFirst("/[^/]*$", "/postgres");
		try (Connection server = DriverManager.getConnection(serverUrl, db.username(), db.password());
				Statement sql = server.createStatement()) {
			sql.execute("drop database if exists \"" + this.settings.scratchDatabase() + "\"");
		}
		catch (SQLException ex) {
			System.err.println("bench: could not drop " + this.settings.scratchDatabase() + ": " + ex.getMessage());
		}
	}

	/**
	 * RabbitMQ PerfTest: one producer and one consumer, persistent messages, publisher
	 * confirms, a quorum queue, 1 kB bodies.
	 * @return messages per second sent and received
	 */
	Map<String, Object> perfTest() {
		int seconds = this.settings.stepSeconds();
		String classpath = System.getProperty("java.class.path");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = List.of(java, "-Xmx256m", "-cp", classpath, "com.rabbitmq.perf.PerfTest", "--uri",
				this.settings.amqpUri(), "--queue", PERF_TEST_QUEUE, "--quorum-queue", "--flag", "persistent",
				"--confirm", "200", "--qos", "200", "--multi-ack-every", "50", "--producers", "1", "--consumers", "1",
				"--size", "1000", "--time", Integer.toString(seconds), "--interval", Integer.toString(seconds));
		String out;
		try {
			out = Processes.run(command, null, seconds + 90);
		}
		finally {
			deletePerfTestQueue();
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("queue", "quorum, persistent, confirms (200 in flight), 1 kB");
		result.put("sentPerSecond", rate(out, "sending rate avg: ([0-9.]+)"));
		result.put("receivedPerSecond", rate(out, "receiving rate avg: ([0-9.]+)"));
		return result;
	}

	private static double rate(String out, String pattern) {
		Matcher m = Pattern.compile(pattern).matcher(out);
		if (!m.find()) {
			throw new IllegalStateException("PerfTest printed no rate (" + pattern + "):\n" + out);
		}
		return OpenLoop.round(Double.parseDouble(m.group(1)));
	}

	/**
	 * The environment's vhost's message counters from the management API, which refreshes
	 * them every few seconds: good for a long window, not for one step.
	 * @return {@code publish} and {@code deliver_get} so far, or an empty map if the API
	 * cannot be read
	 */
	Map<String, Long> brokerMessages() {
		URI uri = URI.create(this.settings.managementUrl() + "/api/vhosts/"
				+ URLEncoder.encode(this.settings.vhost(), StandardCharsets.UTF_8));
		try {
			String body = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(uri).header("authorization", managementAuth()).GET().build(),
						BodyHandlers.ofString())
				.body();
			JsonNode stats = Api.JSON.readTree(body).path("message_stats");
			return Map.of("publish", stats.path("publish").asLong(), "deliver_get", stats.path("deliver_get").asLong());
		}
		catch (IOException | RuntimeException ex) {
			return Map.of();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Map.of();
		}
	}

	private String managementAuth() {
		return "Basic " + Base64.getEncoder()
			.encodeToString((this.settings.managementUser() + ":" + this.settings.managementPassword())
				.getBytes(StandardCharsets.UTF_8));
	}

	private void deletePerfTestQueue() {
		URI uri = URI.create(this.settings.managementUrl() + "/api/queues/"
				+ URLEncoder.encode(this.settings.vhost(), StandardCharsets.UTF_8) + "/" + PERF_TEST_QUEUE);
		try {
			HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(uri).header("authorization", managementAuth()).DELETE().build(),
						BodyHandlers.discarding());
		}
		catch (IOException ex) {
			System.err.println("bench: could not delete queue " + PERF_TEST_QUEUE + ": " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static Path writeLines(Path file, List<String> lines) {
		try {
			Files.createDirectories(file.getParent());
			return Files.write(file, lines);
		}
		catch (IOException ex) {
			throw new IllegalStateException("writing " + file + ": " + ex, ex);
		}
	}

}
