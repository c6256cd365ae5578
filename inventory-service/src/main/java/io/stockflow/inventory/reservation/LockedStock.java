package io.stockflow.inventory.reservation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.StockChanged;
import io.stockflow.inventory.ledger.StockLedger;
import io.stockflow.inventory.outcome.CommandOutcomes;
import io.stockflow.inventory.stock.StockAlerts;

/**
 * The stock rows one transaction of reservations holds locked, changed in memory and
 * written with a few statements when it {@linkplain #flush() flushes}, not a few per
 * reservation: the levels and versions (one statement), the ledger entries (one), the
 * reservations (one) and the low-stock check of every sku touched (one). The events of
 * each change are announced at once, with the version the row will have, in the
 * transaction of the message that caused it; so the outcome is the same as writing each
 * change as it happens, under the same row locks.
 *
 * <p>
 * Bound to the current transaction ({@link #of}) and dropped when it ends. A batch loads
 * every row it needs with {@link #load} first; a row not loaded is locked when first
 * asked for.
 */
final class LockedStock {

	private final JdbcClient jdbc;

	private final StockLedger ledger;

	private final StockAlerts alerts;

	private final CommandOutcomes outcomes;

	/**
	 * Whether a batch holds it: its messages leave the writing to the batch's end, a
	 * message alone writes its own changes.
	 */
	boolean batch;

	/** Every sku asked for so far, with its locations in location order (maybe none). */
	private final Map<String, Map<String, Level>> levels = new HashMap<>();

	private final Map<String, Item> items = new HashMap<>();

	/** Orders known to have reservation rows (written or pending). */
	private final Set<UUID> reserved = new HashSet<>();

	/** Orders whose reservation rows were looked for. */
	private final Set<UUID> lookedUp = new HashSet<>();

	private final Map<Level, String[]> dirty = new LinkedHashMap<>();

	private final List<StockLedger.Entry> entries = new ArrayList<>();

	private final List<Taken> taken = new ArrayList<>();

	/**
	 * The skus to compare with their thresholds, each with the last message that changed
	 * it.
	 */
	private final Map<String, Envelope<?>> changedBy = new LinkedHashMap<>();

	private LockedStock(JdbcClient jdbc, StockLedger ledger, StockAlerts alerts, CommandOutcomes outcomes) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.alerts = alerts;
		this.outcomes = outcomes;
	}

	/**
	 * The current transaction's locked stock, new if it has none yet.
	 */
	static LockedStock of(JdbcClient jdbc, StockLedger ledger, StockAlerts alerts, CommandOutcomes outcomes) {
		LockedStock stock = (LockedStock) TransactionSynchronizationManager.getResource(LockedStock.class);
		if (stock == null) {
			stock = new LockedStock(jdbc, ledger, alerts, outcomes);
			TransactionSynchronizationManager.bindResource(LockedStock.class, stock);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(LockedStock.class);
				}
			});
		}
		return stock;
	}

	/**
	 * Locks, in sku and location order, the stock rows of these skus and of the skus
	 * these orders hold unreleased, and reads the skus' items and which orders are
	 * reserved already.
	 * @param skus skus about to be reserved
	 * @param releasing orders about to be released
	 * @param reserving orders about to be reserved
	 */
	void load(Collection<String> skus, Collection<UUID> releasing, Collection<UUID> reserving) {
		Set<String> locked = new HashSet<>(skus);
		// one set of skus joined to the rows: with "sku = any(?) or sku in (...)" the
		// planner could not use the primary key and compared every stock row with every
		// sku of the batch (3.7 ms a batch over 1,001 rows, a full scan at any size)
		this.jdbc.sql("""
				select sku, location, available, version from stock
				where sku in (select unnest(?::text[])
				              union select sku from reservation where order_id = any(?::uuid[]) and not released)
				order by sku, location for update
				""").params(skus.toArray(String[]::new), texts(releasing)).query((rs) -> {
			locked.add(rs.getString("sku"));
			level(rs.getString("sku"), rs.getString("location"), rs.getInt("available"), rs.getLong("version"));
		});
		locked.forEach((sku) -> this.levels.putIfAbsent(sku, new TreeMap<>()));
		loadItems(locked);
		loadReserved(reserving);
	}

	/**
	 * @param skus skus of one reservation or release
	 * @return units available per location of each sku, its rows locked
	 */
	Map<String, Map<String, Integer>> available(Collection<String> skus) {
		List<String> missing = skus.stream().filter((sku) -> !this.levels.containsKey(sku)).sorted().toList();
		if (!missing.isEmpty()) {
			load(missing, List.of(), List.of());
		}
		Map<String, Map<String, Integer>> available = new HashMap<>();
		for (String sku : skus) {
			Map<String, Integer> locations = new LinkedHashMap<>();
			this.levels.get(sku).forEach((location, level) -> locations.put(location, level.available));
			available.put(sku, locations);
		}
		return available;
	}

	/**
	 * @param sku a sku asked for with {@link #available}
	 * @return its item, or null if there is none
	 */
	Item item(String sku) {
		return this.items.get(sku);
	}

	/**
	 * @param orderId an order
	 * @return whether it has reservation rows, released or not
	 */
	boolean isReserved(UUID orderId) {
		if (!this.lookedUp.contains(orderId)) {
			loadReserved(List.of(orderId));
		}
		return this.reserved.contains(orderId);
	}

	/**
	 * Moves a location's level, records the ledger entry and announces
	 * {@code StockChanged}.
	 * @param cause the message causing it
	 * @param sku the item, asked for with {@link #available}
	 * @param location one of its locations
	 * @param kind reserved or released
	 * @param delta units added (negative: taken)
	 * @param reason why
	 * @param orderId the order
	 */
	void change(Envelope<?> cause, String sku, String location, StockLedger.Kind kind, int delta, String reason,
			UUID orderId) {
		Level level = this.levels.get(sku).get(location);
		int before = level.available;
		level.available = before + delta;
		level.version++;
		this.dirty.put(level, new String[] { sku, location });
		this.entries.add(new StockLedger.Entry(sku, location, kind, before, level.available, cause.actor().username(),
				reason, orderId, cause.messageId()));
		this.outcomes.announce(cause, RoutingKeys.STOCK_CHANGED,
				new StockChanged(sku, location, level.available, delta, kind.name(), level.version, orderId));
		this.changedBy.put(sku, cause);
	}

	/**
	 * Records what an order took from a location, for its release.
	 */
	void take(UUID orderId, String sku, String location, int quantity) {
		this.taken.add(new Taken(orderId, sku, location, quantity));
		this.reserved.add(orderId);
	}

	/**
	 * Writes every change so far and compares the skus changed with their thresholds
	 * (announcing each crossing); the rows stay locked and loaded.
	 */
	void flush() {
		if (!this.dirty.isEmpty()) {
			List<Level> rows = new ArrayList<>(this.dirty.keySet());
			int updated = this.jdbc.sql("""
					update stock s set available = t.available, version = t.version
					from unnest(?::text[], ?::text[], ?::int[], ?::bigint[]) as t(sku, location, available, version)
					where s.sku = t.sku and s.location = t.location
					""")
				.params(rows.stream().map((r) -> this.dirty.get(r)[0]).toArray(String[]::new),
						rows.stream().map((r) -> this.dirty.get(r)[1]).toArray(String[]::new),
						rows.stream().map((r) -> r.available).toArray(Integer[]::new),
						rows.stream().map((r) -> r.version).toArray(Long[]::new))
				.update();
			if (updated != rows.size()) {
				throw new IllegalStateException(updated + " of " + rows.size() + " stock rows written");
			}
			this.dirty.clear();
		}
		this.ledger.appendAll(this.entries);
		this.entries.clear();
		if (!this.taken.isEmpty()) {
			this.jdbc.sql("""
					insert into reservation (order_id, sku, location, quantity)
					select * from unnest(?::uuid[], ?::text[], ?::text[], ?::int[])
					""")
				.params(this.taken.stream().map((t) -> t.orderId().toString()).toArray(String[]::new),
						this.taken.stream().map(Taken::sku).toArray(String[]::new),
						this.taken.stream().map(Taken::location).toArray(String[]::new),
						this.taken.stream().map(Taken::quantity).toArray(Integer[]::new))
				.update();
			this.taken.clear();
		}
		this.alerts.checkAll(this.changedBy);
		this.changedBy.clear();
	}

	private void level(String sku, String location, int available, long version) {
		this.levels.computeIfAbsent(sku, (k) -> new TreeMap<>()).putIfAbsent(location, new Level(available, version));
	}

	private void loadItems(Collection<String> skus) {
		this.jdbc.sql("select sku, price, deleted from item where sku = any(?)")
			.param(skus.toArray(String[]::new))
			.query((rs) -> {
				this.items.put(rs.getString("sku"), new Item(rs.getBigDecimal("price"), rs.getBoolean("deleted")));
			});
	}

	private void loadReserved(Collection<UUID> orderIds) {
		if (orderIds.isEmpty()) {
			return;
		}
		this.reserved.addAll(this.jdbc.sql("select distinct order_id from reservation where order_id = any(?::uuid[])")
			.param(texts(orderIds))
			.query(UUID.class)
			.list());
		this.lookedUp.addAll(orderIds);
	}

	private static String[] texts(Collection<UUID> ids) {
		return ids.stream().map(UUID::toString).toArray(String[]::new);
	}

	/** A location's level and version as they will be written. */
	private static final class Level {

		int available;

		long version;

		Level(int available, long version) {
			this.available = available;
			this.version = version;
		}

	}

	/**
	 * An item as reservations see it.
	 *
	 * @param price its price now
	 * @param deleted whether it is no longer sold
	 */
	record Item(BigDecimal price, boolean deleted) {
	}

	private record Taken(UUID orderId, String sku, String location, int quantity) {
	}

}
