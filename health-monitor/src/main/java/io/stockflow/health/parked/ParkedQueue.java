package io.stockflow.health.parked;

/**
 * A parking queue and its messages.
 *
 * @param queue the parking queue ({@code <queue>.parked})
 * @param messages how many it holds
 */
public record ParkedQueue(String queue, long messages) {
}
