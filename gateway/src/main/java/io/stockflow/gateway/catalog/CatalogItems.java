package io.stockflow.gateway.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.stockflow.gateway.internal.ServiceClient;

/**
 * Items by sku as catalog-service answers them, kept for a short time in the gateway's
 * memory (a near cache): a hot item is then read from the read side once per {@code ttl},
 * not once per request, which spares the second HTTP hop of most reads and of the
 * known-item check of every order. Only found items are kept, so a new item shows at
 * once; a change shows at most {@code ttl} later than without the cache.
 */
@Component
public class CatalogItems {

	private final ServiceClient catalog;

	private final Cache<String, ResponseEntity<String>> items;

	CatalogItems(ServiceClient catalog, ItemCacheSettings settings) {
		this.catalog = catalog;
		this.items = settings.ttl().isZero() ? null
				: Caffeine.newBuilder().expireAfterWrite(settings.ttl()).maximumSize(settings.maxItems()).build();
	}

	/**
	 * The item's answer: the body catalog-service sent, unchanged.
	 * @param sku the sku
	 * @return status 200 and the item's JSON
	 * @throws org.springframework.web.ErrorResponseException for an unknown sku (404) and
	 * the catalogue's other errors
	 */
	public ResponseEntity<String> item(String sku) {
		if (this.items == null) {
			return load(sku);
		}
		// never load inside the cache's compute: a blocking HTTP call there would hold a
		// lock of the cache's map and stall every other reader. Two readers of a missing
		// sku may both load it, once per ttl at most.
		ResponseEntity<String> cached = this.items.getIfPresent(sku);
		if (cached != null) {
			return cached;
		}
		ResponseEntity<String> loaded = load(sku);
		this.items.put(sku, loaded);
		return loaded;
	}

	private ResponseEntity<String> load(String sku) {
		return this.catalog.get("/items/{sku}", sku);
	}

}
