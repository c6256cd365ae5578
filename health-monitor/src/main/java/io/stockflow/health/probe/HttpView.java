package io.stockflow.health.probe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import io.stockflow.health.config.MonitorSettings;

/**
 * The HTTP view, on its own thread: asks every service for {@code /actuator/health} every
 * few seconds, all at once on virtual threads and each with its own timeout, so a hung
 * service (stopped, not dead) never delays the others' checks.
 */
public class HttpView implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(HttpView.class);

	private final Map<String, URI> services;

	private final MonitorSettings.Probe settings;

	private final JsonMapper json;

	private final Runnable afterRound;

	private final Map<String, ProbeResult> results = new ConcurrentHashMap<>();

	private final ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();

	private final HttpClient http;

	private volatile boolean firstRoundDone;

	private ScheduledExecutorService thread;

	public HttpView(Map<String, URI> services, MonitorSettings.Probe settings, JsonMapper json, Runnable afterRound) {
		this.services = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
		this.settings = settings;
		this.json = json;
		this.afterRound = afterRound;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(settings.timeout())
			.executor(this.checks)
			.build();
		services.keySet().forEach((s) -> this.results.put(s, new ProbeResult(s, null, false, false, 0, null)));
	}

	/** One round: every service at once, each bounded by the timeout. */
	void round() {
		List<CompletableFuture<Void>> round = new ArrayList<>();
		this.services.forEach((service, base) -> round.add(check(service, base)));
		CompletableFuture.allOf(round.toArray(CompletableFuture[]::new)).join();
		this.firstRoundDone = true;
		try {
			this.afterRound.run();
		}
		catch (RuntimeException ex) {
			log.warn("Evaluation after the health checks failed", ex);
		}
	}

	private CompletableFuture<Void> check(String service, URI base) {
		HttpRequest request = HttpRequest.newBuilder(base.resolve("/actuator/health"))
			.timeout(this.settings.timeout())
			.header("Accept", "application/json")
			.GET()
			.build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
			.orTimeout(this.settings.timeout().toMillis() + 500, TimeUnit.MILLISECONDS)
			.handle((response, failure) -> {
				Instant now = Instant.now();
				ProbeResult previous = this.results.get(service);
				this.results.put(service,
						(failure != null) ? previous.failed(now, why(failure)) : read(service, now, response));
				return null;
			});
	}

	private ProbeResult read(String service, Instant at, HttpResponse<String> response) {
		JsonNode health;
		try {
			health = this.json.readTree(response.body());
		}
		catch (RuntimeException ex) {
			return this.results.get(service).failed(at, "health answered " + response.statusCode() + " without JSON");
		}
		String status = health.path("status").asString("");
		if (status.isEmpty()) {
			return this.results.get(service).failed(at, "health answered " + response.statusCode());
		}
		if ("UP".equals(status)) {
			return ProbeResult.answer(service, at, true, null);
		}
		List<String> notUp = new ArrayList<>();
		health.path("components").properties().forEach((component) -> {
			String componentStatus = component.getValue().path("status").asString("");
			if (!"UP".equals(componentStatus)) {
				notUp.add(component.getKey() + " " + componentStatus);
			}
		});
		return ProbeResult.answer(service, at, false,
				"health " + status + (notUp.isEmpty() ? "" : ": " + String.join(", ", notUp)));
	}

	private String why(Throwable failure) {
		Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
		if (cause instanceof HttpTimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
			return "no health answer within " + this.settings.timeout().toMillis() + " ms";
		}
		if (cause instanceof java.net.ConnectException) {
			return "health endpoint refuses connections";
		}
		return "health check failed: " + cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? " " + cause.getMessage() : "");
	}

	/**
	 * @param service a watched service
	 * @return what the last checks found, empty before the first round
	 */
	public Optional<ProbeResult> result(String service) {
		return this.firstRoundDone ? Optional.ofNullable(this.results.get(service)) : Optional.empty();
	}

	/**
	 * @return the watched services, in the configured order
	 */
	public List<String> services() {
		return List.copyOf(this.services.keySet());
	}

	/**
	 * @return failed checks in a row after which a service is DOWN
	 */
	public int failuresToDown() {
		return this.settings.failuresToDown();
	}

	@Override
	public void start() {
		this.thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("http-view").factory());
		// at a fixed rate: a slow round (bounded by the timeout) does not stretch the
		// period
		this.thread.scheduleAtFixedRate(this::round, 0, this.settings.interval().toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.thread != null) {
			this.thread.shutdownNow();
		}
		this.checks.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.thread != null && !this.thread.isShutdown();
	}

}
