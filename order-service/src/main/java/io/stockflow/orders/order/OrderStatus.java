package io.stockflow.orders.order;

/**
 * Where an order is in its saga. PENDING waits for inventory's answer; the other three
 * are where it ends (a confirmed order may still be cancelled).
 */
enum OrderStatus {

	/** Placed; its stock is being reserved. */
	PENDING,

	/** Every line reserved at a known price. */
	CONFIRMED,

	/** Inventory could not serve a line; nothing was reserved. */
	REJECTED,

	/** Cancelled by its customer or an admin; its stock (if any) goes back. */
	CANCELLED

}
