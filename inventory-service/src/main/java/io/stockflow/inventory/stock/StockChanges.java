package io.stockflow.inventory.stock;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.StockChanged;
import io.stockflow.inventory.ledger.StockLedger;
import io.stockflow.inventory.outcome.CommandOutcomes;

/**
 * Records one change of one location everywhere it must appear, in the caller's
 * transaction: the level, the ledger entry, and the {@code StockChanged} event.
 */
@Component
public class StockChanges {

	private final StockLevels levels;

	private final StockLedger ledger;

	private final CommandOutcomes outcomes;

	StockChanges(StockLevels levels, StockLedger ledger, CommandOutcomes outcomes) {
		this.levels = levels;
		this.ledger = ledger;
		this.outcomes = outcomes;
	}

	/**
	 * Moves a location from one level to another.
	 * @param cause the command or message causing it
	 * @param change what changes, from which level to which
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void apply(Envelope<?> cause, Change change) {
		long version = this.levels.write(change.sku(), change.location(), change.after());
		this.ledger.append(new StockLedger.Entry(change.sku(), change.location(), change.kind(), change.before(),
				change.after(), cause.actor().username(), change.reason(), change.orderId(), cause.messageId()));
		this.outcomes.announce(cause, RoutingKeys.STOCK_CHANGED, new StockChanged(change.sku(), change.location(),
				change.after(), change.after() - change.before(), change.kind().name(), version, change.orderId()));
	}

	/**
	 * One change of one location.
	 *
	 * @param sku the item
	 * @param location the location
	 * @param kind the kind of change
	 * @param before the level before (0 for a new location)
	 * @param after the level after, never below zero
	 * @param reason why, or null
	 * @param orderId the order, for reservations and releases
	 */
	public record Change(String sku, String location, StockLedger.Kind kind, int before, int after, String reason,
			UUID orderId) {
	}

}
