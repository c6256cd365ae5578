package io.stockflow.contracts.health;

import java.time.Instant;

/**
 * Event: a service the health monitor had seen DOWN or DEGRADED is UP again.
 *
 * @param service the service's name, e.g. {@code order-service}
 * @param from its status before: {@code UP}, {@code DOWN}, {@code DEGRADED} or
 * {@code UNKNOWN}
 * @param detail why, for people (at most 1000 characters)
 * @param at when the monitor saw the change
 */
public record ServiceRecovered(String service, String from, String detail, Instant at) {
}
