package io.stockflow.gateway.order;

import java.util.List;
import java.util.UUID;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.order.OrderLine;
import io.stockflow.messaging.observation.TraceContexts;

/**
 * One customer's order request, waiting to be stored with the others of its batch.
 *
 * @param actor the customer
 * @param key the customer's idempotency key
 * @param hash the lines' hash: the same key with other lines is refused
 * @param lines the validated lines
 * @param trace the request's trace, carried into the writer's thread for its outbox row
 * @param orderId the id the order gets if the key is new
 */
record Placement(Actor actor, String key, String hash, List<OrderLine> lines, TraceContexts.Received trace,
		UUID orderId) {

	String customer() {
		return this.actor.username();
	}

}
