package io.stockflow.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.GetResponse;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.server.ResponseStatusException;

import io.stockflow.health.parked.ParkedMessage;
import io.stockflow.health.parked.ParkedMessages;
import io.stockflow.health.status.ServiceHealth;
import io.stockflow.health.status.ServiceStatusManagement;
import io.stockflow.messaging.MessageBundles;
import io.stockflow.testing.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The monitor against a real broker and database: queues without consumers make their
 * service DOWN and a consumer brings it back, with transitions, events and instance
 * counts; a health endpoint that reports a dependency down makes its service DEGRADED and
 * one that stops answering DOWN, alerted through a webhook that is retried; parked
 * messages are inspected without being taken, replayed to their queue, discarded.
 */
@SpringBootTest(properties = { "stockflow.health.broker.interval=500ms", "stockflow.health.probe.interval=500ms",
		"stockflow.health.probe.timeout=500ms", "stockflow.health.alerts.initial-back-off=100ms" })
class HealthMonitorIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("health-monitor");

	static final HttpServer fake = fakeService();

	static final AtomicReference<String> health = new AtomicReference<>(
			"{\"status\":\"DOWN\",\"components\":{\"db\":{\"status\":\"DOWN\"},\"ping\":{\"status\":\"UP\"}}}");

	static final AtomicInteger webhookCalls = new AtomicInteger();

	static final List<String> alerts = new CopyOnWriteArrayList<>();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
		String base = "http://127.0.0.1:" + fake.getAddress().getPort();
		registry.add("stockflow.health.service-urls", () -> "fake-service=" + base);
		registry.add("stockflow.health.alerts.webhook-url", () -> base + "/alerts");
	}

	@Autowired
	ServiceStatusManagement statuses;

	@Autowired
	ParkedMessages parked;

	@Autowired
	CachingConnectionFactory connections;

	@Autowired
	JdbcClient jdbc;

	@AfterAll
	static void stopFake() {
		fake.stop(0);
	}

	@Test
	void queuesWithoutConsumersMakeTheirServiceDownAndAConsumerBringsItUp() throws Exception {
		ServiceHealth down = await().atMost(Duration.ofSeconds(20))
			.until(() -> health("inventory-service"), (h) -> h != null && "DOWN".equals(h.status()));
		assertThat(down.detail()).contains("queue inventory.item-commands has no consumers");

		try (Connection consumer = this.connections.getRabbitConnectionFactory()
			.newConnection("inventory-service@it-1")) {
			Channel channel = consumer.createChannel();
			for (String queue : List.of("inventory.item-commands", "inventory.stock-commands",
					"inventory.reservations")) {
				channel.basicConsume(queue, false, new DefaultConsumer(channel));
			}

			// the management API lists a new connection and the consumers of its queues
			// separately, so one poll may already see the consumers but not yet the
			// connection: both are awaited
			ServiceHealth up = await().atMost(Duration.ofSeconds(20))
				.until(() -> health("inventory-service"), (h) -> "UP".equals(h.status()) && h.instances() == 1);
			assertThat(up.consumers()).extracting((q) -> q.consumers()).containsOnly(1);
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc
				.sql("select count(*) from outbox where type in ('ServiceDown', 'ServiceRecovered')"
						+ " and convert_from(body, 'UTF8') like '%inventory-service%'")
				.query(Integer.class)
				.single() >= 2);
		assertThat(this.statuses.events(500))
			.anyMatch((t) -> "inventory-service".equals(t.service()) && "DOWN".equals(t.from()) && "UP".equals(t.to()));
	}

	@Test
	void aDependencyDownDegradesAServiceAndNoAnswerMakesItDownWithARetriedWebhook() {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> health("fake-service"), (h) -> h != null && "DEGRADED".equals(h.status()));
		assertThat(health("fake-service").detail()).isEqualTo("health DOWN: db DOWN");

		health.set(null);

		ServiceHealth down = await().atMost(Duration.ofSeconds(20))
			.until(() -> health("fake-service"), (h) -> "DOWN".equals(h.status()));
		assertThat(down.detail()).contains("2 checks in a row");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> alerts.stream().anyMatch((a) -> a.contains("\"to\":\"DOWN\"") && a.contains("fake-service")));
		assertThat(webhookCalls.get()).isGreaterThan(alerts.size());
	}

	@Test
	void aParkedMessageIsInspectedInPlaceReplayedToItsQueueAndAnotherDiscarded() throws Exception {
		String parking = "orders.order-commands.parked";
		try (Connection connection = this.connections.getRabbitConnectionFactory().newConnection("it-publisher")) {
			Channel channel = connection.createChannel();
			channel.confirmSelect();
			park(channel, parking, "m-1", "{\"n\":1}");
			park(channel, parking, "m-2", "{\"n\":2}");
			channel.waitForConfirmsOrDie(5000);

			List<ParkedMessage> seen = this.parked.peek(parking, 10);
			assertThat(seen).extracting(ParkedMessage::messageId).containsExactly("m-1", "m-2");
			assertThat(seen.getFirst().reason()).isEqualTo("order m-1: invalid");
			assertThat(seen.getFirst().originalQueue()).isEqualTo("orders.order-commands");
			assertThat(seen.getFirst().body()).isEqualTo("{\"n\":1}");
			assertThat(this.parked.peek(parking, 10)).hasSize(2);

			assertThat(this.parked.replay(parking, "m-1")).isEqualTo("orders.order-commands");
			GetResponse replayed = channel.basicGet("orders.order-commands", true);
			assertThat(replayed.getProps().getMessageId()).isEqualTo("m-1");
			assertThat(new String(replayed.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
			assertThat(replayed.getProps().getHeaders()).containsKey("x-replayed-from")
				.containsKey("x-stockflow-signature")
				.doesNotContainKey("x-parked-reason");

			this.parked.discard(parking, "m-2");
			assertThat(this.parked.peek(parking, 10)).isEmpty();
			assertThatThrownBy(() -> this.parked.replay(parking, "m-1")).isInstanceOf(ResponseStatusException.class)
				.hasMessageContaining("No message m-1");
		}
	}

	@Test
	void aBundleTheBrokerDeadLetteredWholeIsShownMessageByMessageAndReplayedAsABundle() throws Exception {
		String parking = "orders.order-commands.parked";
		Message bundle = new MessageBundles().bundle(List.of(message("b-1", "{\"n\":1}"), message("b-2", "{\"n\":2}")));
		try (Connection connection = this.connections.getRabbitConnectionFactory().newConnection("it-publisher")) {
			Channel channel = connection.createChannel();
			channel.confirmSelect();
			AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
				.messageId(bundle.getMessageProperties().getMessageId())
				.type(bundle.getMessageProperties().getType())
				.contentType(MessageBundles.CONTENT_TYPE)
				.deliveryMode(2)
				.headers(Map.of(MessageBundles.HEADER, 2, "x-first-death-reason", "rejected", "x-first-death-queue",
						"orders.order-commands"))
				.build();
			channel.basicPublish("stockflow.dead-letters", parking, true, props, bundle.getBody());
			channel.waitForConfirmsOrDie(5000);

			ParkedMessage seen = this.parked.peek(parking, 10).getFirst();
			assertThat(seen.messageId()).isEqualTo("bundle-b-1");
			assertThat(seen.type()).isEqualTo("bundle");
			assertThat(seen.reason()).isEqualTo("dead-lettered by the broker: rejected");
			assertThat(seen.body()).isEqualTo("b-1 PlaceOrder\n{\"n\":1}\nb-2 PlaceOrder\n{\"n\":2}\n");

			assertThat(this.parked.replay(parking, "bundle-b-1")).isEqualTo("orders.order-commands");
			GetResponse replayed = channel.basicGet("orders.order-commands", true);
			assertThat(replayed.getBody()).isEqualTo(bundle.getBody());
			assertThat(replayed.getProps().getHeaders()).containsKey(MessageBundles.HEADER);
			assertThat(this.parked.peek(parking, 10)).isEmpty();
		}
	}

	private static Message message(String id, String body) {
		MessageProperties properties = new MessageProperties();
		properties.setMessageId(id);
		properties.setType("PlaceOrder");
		properties.setHeader("x-stockflow-signature", "v1:x");
		return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
	}

	private static void park(Channel channel, String queue, String id, String body) throws IOException {
		AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId(id)
			.type("PlaceOrder")
			.deliveryMode(2)
			.headers(Map.of("x-parked-reason", "order " + id + ": invalid", "x-original-queue", "orders.order-commands",
					"x-parked-at", "2026-11-25T10:00:00Z", "x-stockflow-signature", "v1:x"))
			.build();
		channel.basicPublish("stockflow.dead-letters", queue, true, props, body.getBytes(StandardCharsets.UTF_8));
	}

	private ServiceHealth health(String service) {
		return this.statuses.services().stream().filter((s) -> service.equals(s.service())).findFirst().orElse(null);
	}

	/**
	 * A service whose health answer the tests set (none: it stops answering), and a
	 * webhook.
	 */
	private static HttpServer fakeService() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/actuator/health", (exchange) -> {
				String body = health.get();
				if (body == null) {
					exchange.close();
					return;
				}
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(503, bytes.length);
				exchange.getResponseBody().write(bytes);
				exchange.close();
			});
			server.createContext("/alerts", (exchange) -> {
				String alert = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				// every other call fails, so that each alert needs a retry
				int call = webhookCalls.incrementAndGet();
				if (call % 2 == 0) {
					alerts.add(alert);
				}
				exchange.sendResponseHeaders((call % 2 == 0) ? 204 : 500, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
