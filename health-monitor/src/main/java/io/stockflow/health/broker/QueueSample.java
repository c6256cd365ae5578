package io.stockflow.health.broker;

import java.time.Instant;

/**
 * One look at a queue, kept for charts.
 *
 * @param queue the queue
 * @param at when
 * @param ready messages waiting
 * @param unacked messages delivered, not yet acknowledged
 * @param publishRate messages in per second
 * @param deliverRate messages out per second
 */
public record QueueSample(String queue, Instant at, long ready, long unacked, double publishRate, double deliverRate) {
}
