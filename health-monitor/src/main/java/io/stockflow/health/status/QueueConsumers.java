package io.stockflow.health.status;

/**
 * One queue of a service.
 *
 * @param queue the queue
 * @param consumers its consumers
 * @param ready messages waiting
 * @param unacked messages delivered, not yet acknowledged
 */
public record QueueConsumers(String queue, int consumers, long ready, long unacked) {
}
