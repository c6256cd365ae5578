package io.stockflow.gateway.health;

/**
 * One queue of a service.
 *
 * @param queue the queue's name
 * @param consumers how many consumers it has (zero: nobody works it off)
 * @param ready messages waiting
 * @param unacked messages delivered and not yet acknowledged
 */
public record QueueConsumers(String queue, int consumers, long ready, long unacked) {
}
