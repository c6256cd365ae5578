package io.stockflow.orders.order;

import java.util.Objects;
import java.util.UUID;

/**
 * An order's identity: chosen by the gateway from the customer's idempotency key, so the
 * same order sent twice has the same id.
 *
 * @param value the id, never null
 */
record OrderId(UUID value) {

	OrderId {
		Objects.requireNonNull(value, "order id");
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
