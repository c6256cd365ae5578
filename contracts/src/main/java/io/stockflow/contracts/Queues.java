package io.stockflow.contracts;

/**
 * Queue names, {@code <consumer>.<purpose>}. Each consumer queue has a parking queue,
 * {@code <queue>.parked}, reached through {@link Exchanges#DEAD_LETTERS} with the parking
 * queue's name as routing key.
 */
public final class Queues {

	/** Item commands (add, edit, delete) consumed by inventory-service. */
	public static final String INVENTORY_ITEM_COMMANDS = "inventory.item-commands";

	/**
	 * Stock commands (set, adjust) consumed by inventory-service, apart from item
	 * commands.
	 */
	public static final String INVENTORY_STOCK_COMMANDS = "inventory.stock-commands";

	/**
	 * A stream (append-only log) of every item and stock event, kept so catalog-service
	 * can rebuild its read model by replaying it from the first offset.
	 */
	public static final String CATALOG_EVENT_LOG = "catalog.event-log";

	/** Item and stock events projected by catalog-service into the read model. */
	public static final String CATALOG_ITEM_EVENTS = "catalog.item-events";

	/**
	 * Command outcomes recorded by the gateway for {@code GET /api/admin/commands/{id}}.
	 */
	public static final String GATEWAY_COMMAND_OUTCOMES = "gateway.command-outcomes";

	/** Reservations and releases of order stock, consumed by inventory-service. */
	public static final String INVENTORY_RESERVATIONS = "inventory.reservations";

	/** Order commands (place, cancel) consumed by order-service. */
	public static final String ORDERS_ORDER_COMMANDS = "orders.order-commands";

	/** Inventory's answers to reservations, consumed by order-service. */
	public static final String ORDERS_RESERVATION_EVENTS = "orders.reservation-events";

	/**
	 * Prefix of each gateway instance's own queue of order events, for live status (SSE).
	 */
	public static final String GATEWAY_LIVE_PREFIX = "gateway.live.";

	private Queues() {
	}

	/**
	 * The parking queue of a consumer queue, also the routing key that reaches it.
	 * @param queue the consumer queue
	 * @return {@code <queue>.parked}
	 */
	public static String parked(String queue) {
		return queue + ".parked";
	}

}
