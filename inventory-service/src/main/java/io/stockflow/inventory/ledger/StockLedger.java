package io.stockflow.inventory.ledger;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only audit trail of every stock change. Entries are written in the
 * transaction that changes the level, so the ledger can always rebuild the current
 * levels.
 */
@Repository
public class StockLedger {

	private final JdbcClient jdbc;

	StockLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Appends one change.
	 * @param entry the change
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void append(Entry entry) {
		this.jdbc
			.sql("""
					insert into stock_ledger (sku, location, kind, delta, before, after, actor, reason, order_id, command_id)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					""")
			.params(entry.sku(), entry.location(), entry.kind().name(), entry.after() - entry.before(), entry.before(),
					entry.after(), entry.actor(), entry.reason(), entry.orderId(), entry.commandId())
			.update();
	}

	/** What kind of change an entry records. */
	public enum Kind {

		/** Initial stock of a new item. */
		ITEM_ADDED

	}

	/**
	 * One stock change at one location.
	 *
	 * @param sku the item
	 * @param location the location
	 * @param kind the kind of change
	 * @param before the level before
	 * @param after the level after
	 * @param actor who made it
	 * @param reason why, or null
	 * @param orderId the order, for reservations and releases
	 * @param commandId the admin command, for admin changes
	 */
	public record Entry(String sku, String location, Kind kind, int before, int after, String actor, String reason,
			UUID orderId, UUID commandId) {
	}

}
