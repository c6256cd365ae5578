package io.stockflow.gateway.health;

import java.time.Instant;

/**
 * One look at a queue, for small charts.
 *
 * @param queue the queue
 * @param at when
 * @param ready messages waiting
 * @param unacked messages delivered and not yet acknowledged
 * @param publishRate messages published to it per second
 * @param deliverRate messages delivered from it per second
 */
public record QueueSample(String queue, Instant at, long ready, long unacked, double publishRate, double deliverRate) {
}
