package io.stockflow.contracts.health;

import java.time.Instant;

/**
 * Event: the health monitor found a service DOWN (no consumers on one of its queues, or
 * its health endpoint failed several times in a row).
 *
 * @param service the service's name, e.g. {@code order-service}
 * @param from its status before: {@code UP}, {@code DOWN}, {@code DEGRADED} or
 * {@code UNKNOWN}
 * @param detail why, for people (at most 1000 characters)
 * @param at when the monitor saw the change
 */
public record ServiceDown(String service, String from, String detail, Instant at) {
}
