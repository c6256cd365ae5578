package io.stockflow.health.status;

import java.time.Instant;
import java.util.List;

/**
 * A service's status as the monitor concludes it from both views.
 *
 * @param service the service
 * @param status {@code UP}, {@code DOWN} or {@code DEGRADED}
 * @param instances its connections to the broker ({@code <service>@<instance>})
 * @param consumers its queues
 * @param lastCheckedAt when either view last looked
 * @param since when it entered this status
 * @param detail why, for people; null when UP
 */
public record ServiceHealth(String service, String status, int instances, List<QueueConsumers> consumers,
		Instant lastCheckedAt, Instant since, String detail) {

	public ServiceHealth {
		consumers = List.copyOf(consumers);
	}

}
