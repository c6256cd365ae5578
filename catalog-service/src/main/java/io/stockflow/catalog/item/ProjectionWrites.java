package io.stockflow.catalog.item;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.stockflow.contracts.inventory.StockChanged;

/**
 * What one transaction of the projection has locked and changed, written with a few
 * statements however many events it applied: just before the transaction commits, the
 * newest level of each location it was told of (one upsert), then every item it changed
 * is recomputed (one update); once it has committed, those items are written through to
 * the cache. A batch of stock changes thus costs the same three statements as one.
 */
final class ProjectionWrites implements TransactionSynchronization {

	private final JdbcClient jdbc;

	private final CatalogItems items;

	private final ItemCache cache;

	private final Set<String> locked = new HashSet<>();

	/** The newest change told of per sku and location, not written yet. */
	private final Map<Level, StockChanged> levels = new LinkedHashMap<>();

	/** Items to recompute before commit, in sku order. */
	private final Set<String> changed = new TreeSet<>();

	private List<ItemRow> rows = List.of();

	private ProjectionWrites(JdbcClient jdbc, CatalogItems items, ItemCache cache) {
		this.jdbc = jdbc;
		this.items = items;
		this.cache = cache;
	}

	/**
	 * @return the current transaction's writes, new if it has none yet
	 */
	static ProjectionWrites current(JdbcClient jdbc, CatalogItems items, ItemCache cache) {
		ProjectionWrites writes = (ProjectionWrites) TransactionSynchronizationManager
			.getResource(ProjectionWrites.class);
		if (writes == null) {
			if (!TransactionSynchronizationManager.isSynchronizationActive()) {
				throw new IllegalTransactionStateException("the read model is written in a transaction");
			}
			writes = new ProjectionWrites(jdbc, items, cache);
			TransactionSynchronizationManager.bindResource(ProjectionWrites.class, writes);
			TransactionSynchronizationManager.registerSynchronization(writes);
		}
		return writes;
	}

	/**
	 * Serialises the events of these skus with every other transaction's, so that the
	 * availability summed in one transaction never misses a location written by a
	 * concurrent one. The locks not held yet are taken with one statement, in the order
	 * of their lock keys, so that transactions that lock several skus at once cannot
	 * deadlock.
	 * @param skus the skus
	 */
	void lock(Collection<String> skus) {
		String[] fresh = skus.stream().filter(this.locked::add).distinct().toArray(String[]::new);
		if (fresh.length > 0) {
			this.jdbc.sql("""
					select count(pg_advisory_xact_lock(k))
					from (select distinct hashtextextended(s, 0) as k from unnest(?::text[]) as s order by k) as keys
					""").param(fresh).query(Long.class).single();
		}
	}

	/**
	 * Keeps a location's level to be written before commit, unless a newer one of the
	 * same location came before it in this transaction.
	 * @param change the change
	 */
	void level(StockChanged change) {
		this.levels.merge(new Level(change.sku(), change.location()), change,
				(known, next) -> (next.version() > known.version()) ? next : known);
	}

	/**
	 * Marks an item to recompute before commit (once, however many events changed it).
	 * @param sku the item's sku
	 */
	void changed(String sku) {
		this.changed.add(sku);
	}

	@Override
	public void beforeCommit(boolean readOnly) {
		if (!this.levels.isEmpty()) {
			this.changed.addAll(writeLevels(new ArrayList<>(this.levels.values())));
			this.levels.clear();
		}
		if (!this.changed.isEmpty()) {
			this.rows = recompute(this.changed);
		}
	}

	@Override
	public void afterCommit() {
		this.cache.putAll(this.rows);
	}

	@Override
	public void afterCompletion(int status) {
		TransactionSynchronizationManager.unbindResourceIfPossible(ProjectionWrites.class);
	}

	/**
	 * @return the skus whose level was newer than the one known (or the first known)
	 */
	private List<String> writeLevels(List<StockChanged> changes) {
		return this.jdbc.sql("""
				insert into catalog_stock (sku, location, available, version)
				select * from unnest(?::text[], ?::text[], ?::int[], ?::bigint[])
				on conflict (sku, location) do update set available = excluded.available, version = excluded.version
				where catalog_stock.version < excluded.version
				returning sku
				""")
			.params(changes.stream().map(StockChanged::sku).toArray(String[]::new),
					changes.stream().map(StockChanged::location).toArray(String[]::new),
					changes.stream().map(StockChanged::available).toArray(Integer[]::new),
					changes.stream().map(StockChanged::version).toArray(Long[]::new))
			.query(String.class)
			.list();
	}

	/**
	 * Recomputes the item rows' denormalised availability from their locations and gives
	 * each a new row version.
	 * @return the rows to write through to the cache once committed (items not known yet
	 * have none)
	 */
	private List<ItemRow> recompute(Set<String> skus) {
		return this.jdbc.sql("""
				update catalog_item i set available = s.total, locations = s.located,
				    row_version = nextval('catalog_row_version'), updated_at = now()
				from (select k.key, coalesce(sum(c.available), 0)::int as total,
				             coalesce(jsonb_agg(jsonb_build_object('location', c.location, 'available', c.available)
				                 order by c.location) filter (where c.sku is not null), '[]'::jsonb) as located
				      from unnest(?::text[]) as k(key) left join catalog_stock c on c.sku = k.key
				      group by k.key) s
				where i.sku = s.key
				returning %s
				""".formatted(CatalogItems.ROW_COLUMNS))
			.param(skus.toArray(String[]::new))
			.query(this.items::itemRow)
			.list();
	}

	private record Level(String sku, String location) {
	}

}
