package io.stockflow.contracts;

/** Routing keys: commands are imperative, events are past tense. */
public final class RoutingKeys {

	/** {@link io.stockflow.contracts.inventory.AddItem} on {@link Exchanges#COMMANDS}. */
	public static final String ITEM_ADD = "item.add";

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

	private RoutingKeys() {
	}

}
