package io.stockflow.health.broker;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the broker view saw in one poll.
 *
 * @param at when
 * @param queues every queue of the vhost
 * @param connections connections by client-provided name ({@code <service>@<instance>})
 */
public record BrokerSnapshot(Instant at, List<QueueState> queues, Map<String, Integer> connections) {

	public BrokerSnapshot {
		queues = List.copyOf(queues);
		connections = Map.copyOf(connections);
	}

	/**
	 * @param service a service name
	 * @return its running instances: connections named {@code <service>@…}
	 */
	public int instancesOf(String service) {
		return this.connections.entrySet()
			.stream()
			.filter((e) -> e.getKey().startsWith(service + "@"))
			.mapToInt(Map.Entry::getValue)
			.sum();
	}

}
