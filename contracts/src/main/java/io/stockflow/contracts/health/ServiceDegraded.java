package io.stockflow.contracts.health;

import java.time.Instant;

/**
 * Event: a service runs but is DEGRADED (a dependency such as its database or the broker
 * is down, or a queue's backlog or unacknowledged count stayed above its threshold).
 *
 * @param service the service's name, e.g. {@code order-service}
 * @param from its status before: {@code UP}, {@code DOWN}, {@code DEGRADED} or
 * {@code UNKNOWN}
 * @param detail why, for people (at most 1000 characters)
 * @param at when the monitor saw the change
 */
public record ServiceDegraded(String service, String from, String detail, Instant at) {
}
