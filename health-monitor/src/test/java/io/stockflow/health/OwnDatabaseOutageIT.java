package io.stockflow.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.stockflow.health.status.ServiceHealth;
import io.stockflow.health.status.ServiceStatusManagement;
import io.stockflow.testing.IsolatedInfrastructure;
import io.stockflow.testing.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monitor without its own database: it keeps concluding and answering, says that its
 * database is away, and writes the transitions it saw meanwhile (with their events) once
 * the database is back.
 */
@SpringBootTest(properties = { "stockflow.health.broker.interval=500ms", "stockflow.health.probe.interval=500ms",
		"stockflow.health.probe.timeout=500ms" })
class OwnDatabaseOutageIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("health-db-outage");

	static final TcpProxy database = proxy();

	static final HttpServer self = upService();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
		registry.add("spring.datasource.url",
				() -> infra.jdbcUrl().replace("127.0.0.1:5432/", "127.0.0.1:" + database.port() + "/"));
		registry.add("stockflow.health.service-urls",
				() -> "health-monitor=http://127.0.0.1:" + self.getAddress().getPort());
	}

	@Autowired
	ServiceStatusManagement statuses;

	@Autowired
	CachingConnectionFactory connections;

	@Autowired
	JdbcClient jdbc;

	@AfterAll
	static void stop() {
		self.stop(0);
		database.close();
	}

	@Test
	void keepsWorkingWithoutItsDatabaseAndWritesWhatItSawOnceItIsBack() throws Exception {
		await().atMost(Duration.ofSeconds(20)).until(() -> transitions("inventory-service", "DOWN") == 1);

		database.cut();
		try (Connection consumer = this.connections.getRabbitConnectionFactory()
			.newConnection("inventory-service@it-2")) {
			Channel channel = consumer.createChannel();
			for (String queue : List.of("inventory.item-commands", "inventory.stock-commands",
					"inventory.reservations")) {
				channel.basicConsume(queue, false, new DefaultConsumer(channel));
			}

			await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(health("inventory-service").status()));
			ServiceHealth monitor = await().atMost(Duration.ofSeconds(20))
				.until(() -> health("health-monitor"), (h) -> h != null && "DEGRADED".equals(h.status()));
			assertThat(monitor.detail()).contains("own database unreachable");
			assertThat(this.statuses.events(10)).anyMatch(
					(t) -> "inventory-service".equals(t.service()) && "UP".equals(t.to()) && "DOWN".equals(t.from()));

			database.restore();

			await().atMost(Duration.ofSeconds(30)).until(() -> transitions("inventory-service", "UP") == 1);
			await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(health("health-monitor").status()));
			assertThat(this.jdbc
				.sql("select count(*) from outbox where type = 'ServiceRecovered'"
						+ " and convert_from(body, 'UTF8') like '%inventory-service%'")
				.query(Integer.class)
				.single()).isEqualTo(1);
		}
	}

	private int transitions(String service, String to) {
		try {
			return this.jdbc.sql("select count(*) from service_transition where service = ? and to_status = ?")
				.params(service, to)
				.query(Integer.class)
				.single();
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	private ServiceHealth health(String service) {
		return this.statuses.services().stream().filter((s) -> service.equals(s.service())).findFirst().orElse(null);
	}

	private static TcpProxy proxy() {
		try {
			return new TcpProxy(5432);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer upService() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/actuator/health", (exchange) -> {
				byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
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
