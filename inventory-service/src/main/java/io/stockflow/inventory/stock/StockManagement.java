package io.stockflow.inventory.stock;

import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.inventory.ChangeStock;
import io.stockflow.inventory.ledger.StockLedger;
import io.stockflow.inventory.outcome.CommandOutcomes;

/**
 * Applies stock commands: a recount sets a location's level, an adjustment adds a delta.
 * Never below zero; every change is in the ledger and announced; every command ends in an
 * outcome.
 */
@Service
public class StockManagement {

	static final Set<String> REASONS = Set.of("recount", "received", "damaged", "returned", "correction", "other");

	private static final Pattern LOCATION = Pattern.compile("[a-z0-9-]{1,32}");

	private static final int MAX_LEVEL = 10_000_000;

	private final JdbcClient jdbc;

	private final StockLevels levels;

	private final StockChanges changes;

	private final StockAlerts alerts;

	private final CommandOutcomes outcomes;

	StockManagement(JdbcClient jdbc, StockLevels levels, StockChanges changes, StockAlerts alerts,
			CommandOutcomes outcomes) {
		this.jdbc = jdbc;
		this.levels = levels;
		this.changes = changes;
		this.alerts = alerts;
		this.outcomes = outcomes;
	}

	/**
	 * Sets or adjusts the stock of one location, or rejects the command with its reason.
	 * @param command the envelope
	 * @param change the command
	 */
	@Transactional
	public void change(Envelope<?> command, ChangeStock change) {
		String problem = problemWith(change);
		if (problem != null) {
			this.outcomes.rejected(command, change.sku(), problem);
			return;
		}
		int before = this.levels.lock(change.sku(), change.location()).map(StockLevels.Level::available).orElse(-1);
		if (before < 0 && change.delta() != null) {
			this.outcomes.rejected(command, change.sku(), "no stock of " + change.sku() + " at " + change.location());
			return;
		}
		int from = Math.max(before, 0);
		long after = (change.quantity() != null) ? change.quantity() : (long) from + change.delta();
		if (after < 0 || after > MAX_LEVEL) {
			this.outcomes.rejected(command, change.sku(), "stock of " + change.sku() + " at " + change.location()
					+ " would be " + after + " (available " + from + ", delta " + change.delta() + ")");
			return;
		}
		StockLedger.Kind kind = (change.quantity() != null) ? StockLedger.Kind.SET : StockLedger.Kind.ADJUSTED;
		this.changes.apply(command, new StockChanges.Change(change.sku(), change.location(), kind, from, (int) after,
				reasonOf(change), null));
		this.alerts.check(command, change.sku());
		this.outcomes.applied(command, change.sku());
	}

	private String problemWith(ChangeStock change) {
		if ((change.quantity() == null) == (change.delta() == null)) {
			return "give either quantity (set) or delta (adjust)";
		}
		if (change.location() == null || !LOCATION.matcher(change.location()).matches()) {
			return "location must match [a-z0-9-]{1,32}";
		}
		if (change.quantity() != null && (change.quantity() < 0 || change.quantity() > MAX_LEVEL)) {
			return "quantity must be between 0 and 10000000";
		}
		if (change.reason() == null || !REASONS.contains(change.reason())) {
			return "reason must be one of " + String.join(", ", REASONS.stream().sorted().toList());
		}
		if (change.note() != null && change.note().length() > 500) {
			return "note must be at most 500 characters";
		}
		return itemProblem(change.sku());
	}

	private String itemProblem(String sku) {
		Boolean deleted = this.jdbc.sql("select deleted from item where sku = ?")
			.param(sku)
			.query(Boolean.class)
			.optional()
			.orElse(null);
		if (deleted == null) {
			return "no item " + sku;
		}
		return deleted ? "item " + sku + " was removed" : null;
	}

	private static String reasonOf(ChangeStock change) {
		return (change.note() != null && !change.note().isBlank()) ? change.reason() + ": " + change.note()
				: change.reason();
	}

}
