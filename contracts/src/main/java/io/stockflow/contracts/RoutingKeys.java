package io.stockflow.contracts;

/** Routing keys: commands are imperative, events are past tense. */
public final class RoutingKeys {

	/** {@link io.stockflow.contracts.inventory.AddItem} on {@link Exchanges#COMMANDS}. */
	public static final String ITEM_ADD = "item.add";

	/**
	 * {@link io.stockflow.contracts.inventory.UpdateItem} on {@link Exchanges#COMMANDS}.
	 */
	public static final String ITEM_UPDATE = "item.update";

	/**
	 * {@link io.stockflow.contracts.inventory.RemoveItem} on {@link Exchanges#COMMANDS}.
	 */
	public static final String ITEM_REMOVE = "item.remove";

	/**
	 * {@link io.stockflow.contracts.inventory.ImportItems} on {@link Exchanges#COMMANDS}.
	 */
	public static final String ITEM_IMPORT = "item.import";

	/**
	 * {@link io.stockflow.contracts.inventory.ChangeStock} on {@link Exchanges#COMMANDS}.
	 */
	public static final String STOCK_CHANGE = "stock.change";

	/**
	 * {@link io.stockflow.contracts.inventory.ItemUpdated} on {@link Exchanges#EVENTS}.
	 */
	public static final String ITEM_UPDATED = "item.updated";

	/**
	 * {@link io.stockflow.contracts.inventory.ItemRemoved} on {@link Exchanges#EVENTS}.
	 */
	public static final String ITEM_REMOVED = "item.removed";

	/**
	 * {@link io.stockflow.contracts.inventory.StockChanged} on {@link Exchanges#EVENTS}.
	 */
	public static final String STOCK_CHANGED = "stock.changed";

	/** {@link io.stockflow.contracts.inventory.LowStock} on {@link Exchanges#EVENTS}. */
	public static final String STOCK_LOW = "stock.low";

	/**
	 * {@link io.stockflow.contracts.inventory.StockReplenished} on
	 * {@link Exchanges#EVENTS}.
	 */
	public static final String STOCK_REPLENISHED = "stock.replenished";

	/** {@link io.stockflow.contracts.inventory.ItemAdded} on {@link Exchanges#EVENTS}. */
	public static final String ITEM_ADDED = "item.added";

	/**
	 * {@link io.stockflow.contracts.outcome.CommandApplied} on {@link Exchanges#EVENTS}.
	 */
	public static final String COMMAND_APPLIED = "command.applied";

	/**
	 * {@link io.stockflow.contracts.outcome.CommandRejected} on {@link Exchanges#EVENTS}.
	 */
	public static final String COMMAND_REJECTED = "command.rejected";

	/** {@link io.stockflow.contracts.order.PlaceOrder} on {@link Exchanges#COMMANDS}. */
	public static final String ORDER_PLACE = "order.place";

	/** {@link io.stockflow.contracts.order.CancelOrder} on {@link Exchanges#COMMANDS}. */
	public static final String ORDER_CANCEL = "order.cancel";

	/**
	 * {@link io.stockflow.contracts.order.ReserveStock} on {@link Exchanges#COMMANDS}.
	 */
	public static final String RESERVATION_RESERVE = "reservation.reserve";

	/**
	 * {@link io.stockflow.contracts.order.ReleaseStock} on {@link Exchanges#COMMANDS}.
	 */
	public static final String RESERVATION_RELEASE = "reservation.release";

	/** {@link io.stockflow.contracts.order.StockReserved} on {@link Exchanges#EVENTS}. */
	public static final String RESERVATION_RESERVED = "reservation.reserved";

	/** {@link io.stockflow.contracts.order.StockRejected} on {@link Exchanges#EVENTS}. */
	public static final String RESERVATION_REJECTED = "reservation.rejected";

	/** {@link io.stockflow.contracts.order.StockReleased} on {@link Exchanges#EVENTS}. */
	public static final String RESERVATION_RELEASED = "reservation.released";

	/**
	 * {@link io.stockflow.contracts.order.OrderStatusChanged} on
	 * {@link Exchanges#EVENTS}.
	 */
	public static final String ORDER_STATUS_CHANGED = "order.status-changed";

	/**
	 * {@link io.stockflow.contracts.health.ServiceDown} on {@link Exchanges#EVENTS}.
	 */
	public static final String SERVICE_DOWN = "service.down";

	/**
	 * {@link io.stockflow.contracts.health.ServiceRecovered} on {@link Exchanges#EVENTS}.
	 */
	public static final String SERVICE_RECOVERED = "service.recovered";

	/**
	 * {@link io.stockflow.contracts.health.ServiceDegraded} on {@link Exchanges#EVENTS}.
	 */
	public static final String SERVICE_DEGRADED = "service.degraded";

	private RoutingKeys() {
	}

}
