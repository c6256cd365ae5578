package io.stockflow.gateway.health;

import java.time.Instant;
import java.util.List;

/**
 * A service as the health monitor sees it.
 *
 * @param service the service's name, e.g. {@code order-service}
 * @param status {@code UP}, {@code DOWN} or {@code DEGRADED}
 * @param instances its connections to the broker (one per running instance)
 * @param consumers its queues with their consumers and backlog
 * @param lastCheckedAt when the monitor last looked
 * @param since when the service entered its status
 * @param detail why, for people; may be null when UP
 */
public record ServiceHealth(String service, String status, int instances, List<QueueConsumers> consumers,
		Instant lastCheckedAt, Instant since, String detail) {

	public ServiceHealth {
		consumers = (consumers != null) ? List.copyOf(consumers) : List.of();
	}

}
