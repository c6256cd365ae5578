package io.stockflow.gateway.health;

import java.time.Instant;

/**
 * A service changed status.
 *
 * @param service the service
 * @param from its status before ({@code UNKNOWN} for the first observation)
 * @param to its status now
 * @param at when the monitor saw the change
 * @param detail why, for people
 */
public record HealthTransition(String service, String from, String to, Instant at, String detail) {
}
