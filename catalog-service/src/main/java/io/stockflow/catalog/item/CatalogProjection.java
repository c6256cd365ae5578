package io.stockflow.catalog.item;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.stockflow.contracts.InvalidMessageException;
import io.stockflow.contracts.inventory.ItemAdded;
import io.stockflow.contracts.inventory.ItemRemoved;
import io.stockflow.contracts.inventory.ItemUpdated;
import io.stockflow.contracts.inventory.LowStock;
import io.stockflow.contracts.inventory.StockChanged;
import io.stockflow.contracts.inventory.StockLevel;
import io.stockflow.contracts.inventory.StockReplenished;

/**
 * Applies inventory's events to the read model, whatever order they arrive in and however
 * often: an item's details are guarded by its details version, each location's level by
 * that location's own stock version, so the model converges to the write side. After the
 * transaction commits, every item it changed is written through to the cache.
 */
@Service
public class CatalogProjection {

	/**
	 * The id of the listener container that feeds this projection from the live queue.
	 */
	public static final String LIVE_LISTENER_ID = "catalog.item-events";

	private final JdbcClient jdbc;

	private final CatalogItems items;

	private final ItemCache cache;

	CatalogProjection(JdbcClient jdbc, CatalogItems items, ItemCache cache) {
		this.jdbc = jdbc;
		this.items = items;
		this.cache = cache;
	}

	/**
	 * Applies one event of the item and stock streams.
	 * @param event the payload of an item or stock event
	 * @return true if the event concerns the read model, false for one it ignores
	 * @throws InvalidMessageException for a payload that is no item or stock event
	 */
	@Transactional
	public boolean apply(Object event) {
		switch (event) {
			case ItemAdded added -> on(added);
			case ItemUpdated updated -> on(updated);
			case ItemRemoved removed -> on(removed);
			case StockChanged changed -> on(changed);
			case LowStock low -> {
				return false;
			}
			case StockReplenished replenished -> {
				return false;
			}
			default -> throw new InvalidMessageException(
					event.getClass().getSimpleName() + " is no item or stock event of the catalogue");
		}
		return true;
	}

	/**
	 * Adds (or re-adds after a removal) an item with its stock at version 1 where no
	 * newer level of a location is known.
	 * @param added the event
	 */
	@Transactional
	public void on(ItemAdded added) {
		lock(added.sku());
		boolean changed = upsertDetails(added.sku(), added.brand(), added.model(), added.description(), added.price(),
				added.imageUrl(), added.version());
		for (StockLevel level : added.stock()) {
			changed |= this.jdbc.sql("""
					insert into catalog_stock (sku, location, available, version) values (?, ?, ?, 1)
					on conflict (sku, location) do nothing
					""").params(added.sku(), level.location(), level.quantity()).update() == 1;
		}
		if (changed) {
			refresh(added.sku());
		}
	}

	/**
	 * Replaces an item's details if the event is newer than what the model holds.
	 * @param updated the event
	 */
	@Transactional
	public void on(ItemUpdated updated) {
		lock(updated.sku());
		if (upsertDetails(updated.sku(), updated.brand(), updated.model(), updated.description(), updated.price(),
				updated.imageUrl(), updated.version())) {
			refresh(updated.sku());
		}
	}

	/**
	 * Marks an item deleted, so reads answer 404 and lists omit it. Arriving before the
	 * item's ItemAdded, it leaves a deleted placeholder that the older ItemAdded cannot
	 * revive. The details are blanked either way, so the deleted row is the same whatever
	 * order the item's events came in (a rebuild replays them in the stream's order).
	 * @param removed the event
	 */
	@Transactional
	public void on(ItemRemoved removed) {
		lock(removed.sku());
		int rows = this.jdbc.sql("""
				insert into catalog_item (sku, brand, model, description, price, available, version, deleted)
				values (?, '', '', '', 0, 0, ?, true)
				on conflict (sku) do update set version = excluded.version, deleted = true, brand = excluded.brand,
				    model = excluded.model, description = excluded.description, price = excluded.price, image_url = null
				where catalog_item.version < excluded.version
				""").params(removed.sku(), removed.version()).update();
		if (rows == 1) {
			refresh(removed.sku());
		}
	}

	/**
	 * Records a location's level if it is newer than the one known, just before the
	 * transaction commits, with every other level it was told of (the newest of each
	 * location). Kept even when the item is not known yet: the item row shows it once its
	 * ItemAdded arrives.
	 * @param changed the event
	 */
	@Transactional
	public void on(StockChanged changed) {
		lock(changed.sku());
		writes().level(changed);
	}

	/**
	 * Locks the items of a batch's events at once, before any of them is applied.
	 * @param skus the skus the batch's events are about
	 */
	@Transactional
	public void lockAll(Collection<String> skus) {
		writes().lock(skus);
	}

	/**
	 * Empties the read model and its cache, before a rebuild.
	 */
	@Transactional
	public void clear() {
		this.jdbc.sql("truncate catalog_item, catalog_stock").update();
		afterCommit(this.cache::clear);
	}

	/**
	 * @return how many items the read model shows (not deleted)
	 */
	@Transactional(readOnly = true)
	public long itemCount() {
		return this.jdbc.sql("select count(*) from catalog_item where not deleted").query(Long.class).single();
	}

	/**
	 * Serialises the events of one sku (see {@link ProjectionWrites#lock}).
	 */
	private void lock(String sku) {
		writes().lock(List.of(sku));
	}

	private ProjectionWrites writes() {
		return ProjectionWrites.current(this.jdbc, this.items, this.cache);
	}

	private boolean upsertDetails(String sku, String brand, String model, String description, BigDecimal price,
			String imageUrl, long version) {
		return this.jdbc.sql("""
				insert into catalog_item (sku, brand, model, description, price, image_url, available, version)
				values (:sku, :brand, :model, :description, :price, :imageUrl, 0, :version)
				on conflict (sku) do update set brand = excluded.brand, model = excluded.model,
				    description = excluded.description, price = excluded.price, image_url = excluded.image_url,
				    version = excluded.version, deleted = false
				where catalog_item.version < excluded.version
				""")
			.param("sku", sku)
			.param("brand", brand)
			.param("model", model)
			.param("description", Objects.requireNonNullElse(description, ""))
			.param("price", price)
			.param("imageUrl", imageUrl)
			.param("version", version)
			.update() == 1;
	}

	/**
	 * Marks an item to recompute just before the transaction commits, once however many
	 * of the transaction's events changed it (a batch of stock changes of a hot item
	 * recomputes it once).
	 */
	private void refresh(String sku) {
		writes().changed(sku);
	}

	private static void afterCommit(Runnable action) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}

}
