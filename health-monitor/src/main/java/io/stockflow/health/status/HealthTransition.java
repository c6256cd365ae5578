package io.stockflow.health.status;

import java.time.Instant;

/**
 * A change of a service's status.
 *
 * @param service the service
 * @param from its status before ({@code UNKNOWN} when it had none)
 * @param to its status now
 * @param at when the monitor saw it
 * @param detail why, for people
 */
public record HealthTransition(String service, String from, String to, Instant at, String detail) {
}
