package io.stockflow.gateway.health;

/**
 * A parking queue ({@code <queue>.parked}) and how many messages it holds.
 *
 * @param queue the parking queue
 * @param messages its messages
 */
public record ParkedQueue(String queue, long messages) {
}
