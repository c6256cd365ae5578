package io.stockflow.gateway.health;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import io.stockflow.testing.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's side of health and operations against a stand-in monitor: answers as
 * records and through the API, new transitions pushed to live streams, and 503 /
 * {@link HealthMonitorUnavailableException} when the monitor does not answer.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "stockflow.gateway.admin.username=boss", "stockflow.gateway.admin.password=boss-password-1",
				"stockflow.gateway.jwt.secret=0123456789abcdef0123456789abcdef-test" })
class HealthApiIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("gateway-health");

	static final AtomicBoolean reachable = new AtomicBoolean(true);

	static final AtomicReference<String> events = new AtomicReference<>("[]");

	static final java.util.concurrent.atomic.AtomicInteger eventReads = new java.util.concurrent.atomic.AtomicInteger();

	static final HttpServer monitor = standInMonitor();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
		registry.add("stockflow.gateway.health-url", () -> "http://127.0.0.1:" + monitor.getAddress().getPort());
	}

	@LocalServerPort
	int port;

	@Autowired
	HealthMonitorClient client;

	@AfterAll
	static void stopMonitor() {
		monitor.stop(0);
	}

	@Test
	void servicesComeAsRecordsAndThroughTheApi() {
		List<ServiceHealth> services = this.client.services();

		assertThat(services).singleElement().satisfies((s) -> {
			assertThat(s.service()).isEqualTo("order-service");
			assertThat(s.status()).isEqualTo("DOWN");
			assertThat(s.consumers()).containsExactly(new QueueConsumers("orders.order-commands", 0, 3, 0));
			assertThat(s.since()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
		});
		List<Map<String, Object>> answer = http().get()
			.uri("/api/health/services")
			.headers((h) -> h.setBearerAuth(adminToken()))
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(answer).singleElement().satisfies((s) -> assertThat(s).containsEntry("status", "DOWN"));
	}

	@Test
	void aNewTransitionIsPushedToLiveStreams() throws Exception {
		int readsBefore = eventReads.get();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/health/events"))
			.header("Authorization", "Bearer " + adminToken())
			.header("Accept", "text/event-stream")
			.build();
		HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient()
			.send(request, HttpResponse.BodyHandlers.ofInputStream());
		BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
		CompletableFuture<String> transition = CompletableFuture
			.supplyAsync(() -> dataAfter(lines, "event:transition"));

		// the stream's first read of the transitions is history; the next new one is
		// pushed
		await().atMost(Duration.ofSeconds(10)).until(() -> eventReads.get() > readsBefore);
		events.set("[{\"service\":\"order-service\",\"from\":\"UP\",\"to\":\"DOWN\",\"at\":\""
				+ Instant.now().toString() + "\",\"detail\":\"queue orders.order-commands has no consumers\"}]");

		assertThat(transition.get(20, TimeUnit.SECONDS)).contains("\"to\":\"DOWN\"")
			.contains("\"service\":\"order-service\"");
		stream.body().close();
	}

	@Test
	void anUnreachableMonitorIs503AndAnExceptionForPages() {
		reachable.set(false);
		try {
			assertThatThrownBy(() -> this.client.services()).isInstanceOf(HealthMonitorUnavailableException.class);
			int status = http().get()
				.uri("/api/health/services")
				.headers((h) -> h.setBearerAuth(adminToken()))
				.exchange((req, res) -> res.getStatusCode().value());
			assertThat(status).isEqualTo(503);
		}
		finally {
			reachable.set(true);
		}
	}

	private static String dataAfter(BufferedReader lines, String event) {
		try {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.equals(event)) {
					return lines.readLine();
				}
			}
			return null;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private RestClient http() {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://127.0.0.1:" + this.port)
			.build();
	}

	private String adminToken() {
		Map<String, Object> token = http().post()
			.uri("/api/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", "boss", "password", "boss-password-1"))
			.retrieve()
			.body(new ParameterizedTypeReference<Map<String, Object>>() {
			});
		return (String) token.get("accessToken");
	}

	private static HttpServer standInMonitor() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/services", (exchange) -> answer(exchange, """
					[{"service":"order-service","status":"DOWN","instances":0,
					  "consumers":[{"queue":"orders.order-commands","consumers":0,"ready":3,"unacked":0}],
					  "lastCheckedAt":"2026-11-25T10:00:02Z","since":"2026-11-25T10:00:00Z",
					  "detail":"queue orders.order-commands has no consumers"}]"""));
			server.createContext("/events", (exchange) -> {
				eventReads.incrementAndGet();
				answer(exchange, events.get());
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void answer(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
		if (!reachable.get()) {
			exchange.close();
			return;
		}
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

}
