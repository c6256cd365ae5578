package io.stockflow.inventory.ledger;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

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
	 * Appends many changes with one statement, in this order (their ids ascend).
	 * @param entries the changes
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void appendAll(List<Entry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		this.jdbc.update(
				"""
						insert into stock_ledger (sku, location, kind, delta, before, after, actor, reason, order_id, command_id)
						select sku, location, kind, after - before, before, after, actor, reason, order_id, command_id
						from unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[], ?::text[], ?::uuid[], ?::uuid[])
						     with ordinality as e(sku, location, kind, before, after, actor, reason, order_id, command_id, n)
						order by n
						""",
				column(entries, Entry::sku), column(entries, Entry::location), column(entries, (e) -> e.kind().name()),
				entries.stream().map(Entry::before).toArray(Integer[]::new),
				entries.stream().map(Entry::after).toArray(Integer[]::new), column(entries, Entry::actor),
				column(entries, Entry::reason), column(entries, (e) -> text(e.orderId())),
				column(entries, (e) -> text(e.commandId())));
	}

	private static String text(UUID id) {
		return (id != null) ? id.toString() : null;
	}

	private static String[] column(List<Entry> entries, Function<Entry, String> field) {
		return entries.stream().map(field).toArray(String[]::new);
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
