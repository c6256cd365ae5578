package io.stockflow.catalog.item;

import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * One item by sku, from the cache if there, else from the database (then cached with a
 * compare-and-set, so this never puts back an item an event has since replaced).
 */
@Service
class ItemLookup {

	private final ItemCache cache;

	private final CatalogItems items;

	ItemLookup(ItemCache cache, CatalogItems items) {
		this.cache = cache;
		this.items = items;
	}

	/**
	 * @return the item, empty if unknown or removed
	 */
	Optional<CatalogItem> find(String sku) {
		Optional<ItemCache.Entry> cached = this.cache.get(sku);
		if (cached.isPresent()) {
			return Optional.ofNullable(cached.get().item());
		}
		Optional<ItemRow> row = this.items.row(sku);
		row.ifPresent(this.cache::offer);
		return row.filter((r) -> !r.deleted()).map(ItemRow::item);
	}

}
