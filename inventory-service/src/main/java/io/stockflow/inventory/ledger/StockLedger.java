package io.stockflow.inventory.ledger;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
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

	private final JdbcTemplate jdbc;

	StockLedger(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Appends one change.
	 * @param entry the change
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void append(Entry entry) {
		appendAll(List.of(entry));
	}

	/**
	 * Appends many changes in one batch.
	 * @param entries the changes
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void appendAll(List<Entry> entries) {
		this.jdbc.batchUpdate(
				"""
						insert into stock_ledger (sku, location, kind, delta, before, after, actor, reason, order_id, command_id)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
						""",
				entries, 1000, (statement, e) -> {
					statement.setString(1, e.sku());
					statement.setString(2, e.location());
					statement.setString(3, e.kind().name());
					statement.setInt(4, e.after() - e.before());
					statement.setInt(5, e.before());
					statement.setInt(6, e.after());
					statement.setString(7, e.actor());
					statement.setString(8, e.reason());
					statement.setObject(9, e.orderId());
					statement.setObject(10, e.commandId());
				});
	}

	/** What kind of change an entry records. */
	public enum Kind {

		/** Initial stock of a new item. */
		ITEM_ADDED,

		/** A recount: the level set to a counted quantity. */
		SET,

		/** A delta: received, damaged, returned, corrected. */
		ADJUSTED,

		/** Set by a CSV import. */
		IMPORTED,

		/** The item was removed; the level stays for the record. */
		ITEM_REMOVED,

		/** Taken for an order. */
		RESERVED,

		/** Given back by a cancelled order. */
		RELEASED

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
