package io.stockflow.inventory.ledger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/** Reads of the ledger: history, and recomputing every level from it. */
@Repository
class LedgerQueries {

	private final JdbcClient jdbc;

	LedgerQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Page<HistoryEntry> history(String sku, int page, int size) {
		long total = this.jdbc.sql("select count(*) from stock_ledger where sku = ?")
			.param(sku)
			.query(Long.class)
			.single();
		boolean known = this.jdbc.sql("select exists (select 1 from item where sku = ?)")
			.param(sku)
			.query(Boolean.class)
			.single();
		if (!known) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No item " + sku);
		}
		List<HistoryEntry> entries = this.jdbc.sql("""
				select at, actor, kind, location, delta, before, after, reason, order_id from stock_ledger
				where sku = ? order by id desc limit ? offset ?
				""")
			.params(sku, size, (long) page * size)
			.query((rs, row) -> new HistoryEntry(rs.getTimestamp("at").toInstant(), rs.getString("actor"),
					rs.getString("kind"), rs.getString("location"), rs.getInt("delta"), rs.getInt("before"),
					rs.getInt("after"), rs.getString("reason"), rs.getObject("order_id", UUID.class)))
			.list();
		return new Page<>(entries, page, size, total);
	}

	/**
	 * Recomputes every level from the ledger, in one consistent snapshot, and lists where
	 * the current level differs. There must never be any drift.
	 * @return how many locations were checked and which drift
	 */
	@Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
	Verification verify() {
		List<Drift> drift = this.jdbc.sql("""
				select coalesce(s.sku, l.sku) as sku, coalesce(s.location, l.location) as location,
				       coalesce(s.available, 0) as level, coalesce(l.total, 0) as ledger
				from stock s
				full join (select sku, location, sum(delta) as total from stock_ledger group by sku, location) l
				  on l.sku = s.sku and l.location = s.location
				where coalesce(s.available, 0) <> coalesce(l.total, 0)
				order by 1, 2
				""")
			.query((rs, row) -> new Drift(rs.getString("sku"), rs.getString("location"), rs.getLong("level"),
					rs.getLong("ledger")))
			.list();
		long checked = this.jdbc.sql("select count(*) from stock").query(Long.class).single();
		long entries = this.jdbc.sql("select count(*) from stock_ledger").query(Long.class).single();
		return new Verification(checked, entries, drift);
	}

	/**
	 * @param at when
	 * @param actor who
	 * @param kind what kind of change
	 * @param location where
	 * @param delta the change
	 * @param before the level before
	 * @param after the level after
	 * @param reason why
	 * @param orderId the order, for reservations and releases
	 */
	record HistoryEntry(Instant at, String actor, String kind, String location, int delta, int before, int after,
			String reason, UUID orderId) {
	}

	/**
	 * @param locations stock locations checked
	 * @param ledgerEntries ledger entries summed
	 * @param drift locations whose level differs from the sum of their ledger entries
	 */
	record Verification(long locations, long ledgerEntries, List<Drift> drift) {
	}

	/**
	 * @param sku the item
	 * @param location the location
	 * @param level the current level
	 * @param ledger the level the ledger adds up to
	 */
	record Drift(String sku, String location, long level, long ledger) {
	}

	/**
	 * @param items the page's entries
	 * @param page zero-based page
	 * @param size page size
	 * @param total entries over all pages
	 * @param <T> the entry type
	 */
	record Page<T>(List<T> items, int page, int size, long total) {
	}

}
