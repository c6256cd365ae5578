package io.stockflow.health.broker;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import io.stockflow.health.config.MonitorSettings;

/**
 * The RabbitMQ management API of one vhost (HTTP/1.1: its server mishandles the JDK
 * client's h2c upgrade): queues with their consumers, backlog and rates, and the named
 * connections.
 */
public class ManagementApi {

	private final RestClient http;

	private final String vhost;

	public ManagementApi(RestClient.Builder builder, MonitorSettings.Broker settings, String username, String password,
			String vhost) {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(settings.timeout())
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(settings.timeout());
		this.http = builder.clone()
			.requestFactory(requests)
			.baseUrl(settings.managementUrl() + "/api")
			.defaultHeaders((h) -> h.setBasicAuth(username, password))
			.build();
		this.vhost = vhost;
	}

	/**
	 * @return the vhost's queues and connections now
	 * @throws org.springframework.web.client.RestClientException when the API cannot be
	 * reached or refuses
	 */
	public BrokerSnapshot snapshot() {
		Instant at = Instant.now();
		JsonNode queues = this.http.get().uri("/queues/{vhost}", this.vhost).retrieve().body(JsonNode.class);
		Map<String, Integer> consumers = consumersByQueue();
		List<QueueState> states = new ArrayList<>();
		for (JsonNode q : queues) {
			String name = q.path("name").asString("");
			JsonNode stats = q.path("message_stats");
			states.add(new QueueState(name, q.path("type").asString("classic"),
					!q.path("exclusive").isNull() && q.path("exclusive").asBoolean(false),
					q.path("auto_delete").asBoolean(false), consumers.getOrDefault(name, 0),
					q.path("messages_ready").asLong(0), q.path("messages_unacknowledged").asLong(0),
					stats.path("publish_details").path("rate").asDouble(0),
					stats.path("deliver_get_details").path("rate").asDouble(0)));
		}
		return new BrokerSnapshot(at, states, connections());
	}

	/**
	 * Consumers per queue from the consumer list, which the broker updates as consumers
	 * come and go (a queue's own count is a statistic refreshed every few seconds, too
	 * late to report a kill within seconds); a queue not in the list has none.
	 */
	private Map<String, Integer> consumersByQueue() {
		JsonNode consumers = this.http.get().uri("/consumers/{vhost}", this.vhost).retrieve().body(JsonNode.class);
		Map<String, Integer> counts = new HashMap<>();
		for (JsonNode c : consumers) {
			counts.merge(c.path("queue").path("name").asString(""), 1, Integer::sum);
		}
		return counts;
	}

	private Map<String, Integer> connections() {
		JsonNode connections = this.http.get()
			.uri("/vhosts/{vhost}/connections", this.vhost)
			.retrieve()
			.body(JsonNode.class);
		Map<String, Integer> byName = new HashMap<>();
		for (JsonNode c : connections) {
			String name = c.path("user_provided_name").asString("");
			if (name.isEmpty()) {
				name = c.path("client_properties").path("connection_name").asString("");
			}
			if (!name.isEmpty()) {
				byName.merge(name, 1, Integer::sum);
			}
		}
		return byName;
	}

}
