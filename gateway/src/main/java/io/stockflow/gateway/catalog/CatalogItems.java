package io.stockflow.gateway.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import io.stockflow.gateway.internal.ServiceClient;

/**
 * Items by sku as catalog-service answers them, kept for a short time in the gateway's
 * memory (a near cache), so that most reads cost no second HTTP hop.
 * <ul>
 * <li>An answer is never served more than {@code ttl} after catalog-service gave it: a
 * change shows at most {@code ttl} later than without the cache.</li>
 * <li>Items read within the last {@code keep-read-items} are refreshed in the background
 * once half their {@code ttl} has passed, all such items together in batch requests to
 * catalog-service ({@code GET /item-batch}, every {@code refresh-interval}): an item
 * people look at stays cached however rarely each one reads it, and the catalogue sees a
 * few batch requests a second however many reads there are. Items nobody reads
 * expire.</li>
 * <li>Only found items are kept, so a new item shows at once; an item the batch no longer
 * returns (removed) is dropped.</li>
 * </ul>
 * Separately, skus known to exist are remembered for {@code known-sku-ttl}: the order's
 * known-item check asks only about skus it has not seen.
 */
@Component
public class CatalogItems implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CatalogItems.class);

	private static final int BATCH = 200;

	/**
	 * Skus per batch request at most by length too: the request line stays under 8 kB.
	 */
	private static final int BATCH_CHARACTERS = 6_000;

	/** Items refreshed per pass at most (the oldest first). */
	private static final int MAX_REFRESHED = 20_000;

	private final ServiceClient catalog;

	private final JsonMapper json;

	private final ItemCacheSettings settings;

	private final Cache<String, CachedItem> items;

	private final Cache<String, Boolean> knownSkus;

	private final long ttlNanos;

	private final long refreshAfterNanos;

	private final long keepReadNanos;

	private volatile Thread refresher;

	CatalogItems(ServiceClient catalog, JsonMapper json, ItemCacheSettings settings) {
		this.catalog = catalog;
		this.json = json;
		this.settings = settings;
		this.items = settings.ttl().isZero() ? null
				: Caffeine.newBuilder().expireAfterWrite(settings.ttl()).maximumSize(settings.maxItems()).build();
		this.knownSkus = Caffeine.newBuilder()
			.expireAfterWrite(settings.knownSkuTtl())
			.maximumSize(settings.maxItems())
			.build();
		this.ttlNanos = settings.ttl().toNanos();
		this.refreshAfterNanos = this.ttlNanos / 2;
		this.keepReadNanos = settings.keepReadItems().toNanos();
	}

	/**
	 * The item's answer: the body catalog-service sent, unchanged.
	 * @param sku the sku
	 * @return status 200 and the item's JSON
	 * @throws org.springframework.web.ErrorResponseException for an unknown sku (404) and
	 * the catalogue's other errors
	 */
	public ResponseEntity<String> item(String sku) {
		byte[] cached = cached(sku);
		if (cached != null) {
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.body(new String(cached, StandardCharsets.UTF_8));
		}
		// never load inside the cache's compute: a blocking HTTP call there would hold a
		// lock of the cache's map and stall every other reader. Two readers of a missing
		// sku may both load it, once per ttl at most.
		long askedAt = System.nanoTime();
		ResponseEntity<String> loaded;
		try {
			loaded = this.catalog.get("/items/{sku}", sku);
		}
		catch (ErrorResponseException ex) {
			if (ex.getStatusCode().value() == 404) {
				forget(sku);
			}
			throw ex;
		}
		if (loaded.getStatusCode().is2xxSuccessful() && loaded.getBody() != null) {
			this.knownSkus.put(sku, Boolean.TRUE);
			if (this.items != null) {
				keep(sku, new CachedItem(loaded.getBody(), askedAt, askedAt));
			}
		}
		return loaded;
	}

	/**
	 * The cached JSON of an item, if the cache has a fresh one.
	 * @param sku the sku
	 * @return the item's JSON in UTF-8 (encoded once, when cached), or {@code null} on a
	 * miss
	 */
	public byte[] cached(String sku) {
		if (this.items == null) {
			return null;
		}
		CachedItem answer = this.items.getIfPresent(sku);
		long now = System.nanoTime();
		// the cache's own expiry counts from when the answer was stored; the bound counts
		// from when it was asked for
		if (answer == null || now - answer.loadedAt() >= this.ttlNanos) {
			return null;
		}
		answer.read(now);
		return answer.utf8();
	}

	/**
	 * Whether the catalogue has (recently had) this item on sale: from memory if this
	 * gateway has seen it within {@code known-sku-ttl}, else by reading it. A removed
	 * item may so pass the check for that long; the order is then rejected by inventory,
	 * which decides on its own rows.
	 * @param sku the sku
	 * @throws org.springframework.web.ErrorResponseException 404 for an unknown sku, and
	 * the catalogue's other errors
	 */
	public void requireKnown(String sku) {
		if (this.knownSkus.getIfPresent(sku) == null) {
			item(sku);
		}
	}

	/**
	 * Refreshes, in batches, the items past half their ttl that were read within
	 * {@code keep-read-items}, oldest first.
	 */
	void refreshPending() {
		long now = System.nanoTime();
		List<String> due = new ArrayList<>();
		this.items.policy().expireAfterWrite().ifPresent((expiry) -> {
			for (Map.Entry<String, CachedItem> entry : expiry.oldest(MAX_REFRESHED).entrySet()) {
				if (now - entry.getValue().loadedAt() < this.refreshAfterNanos) {
					break;
				}
				if (now - entry.getValue().lastReadAt() < this.keepReadNanos) {
					due.add(entry.getKey());
				}
			}
		});
		List<String> batch = new ArrayList<>();
		int characters = 0;
		for (String sku : due) {
			if (batch.size() == BATCH || characters + sku.length() + 1 > BATCH_CHARACTERS) {
				refreshOrLeave(batch);
				batch = new ArrayList<>();
				characters = 0;
			}
			batch.add(sku);
			characters += sku.length() + 1;
		}
		if (!batch.isEmpty()) {
			refreshOrLeave(batch);
		}
	}

	private void refreshOrLeave(List<String> skus) {
		try {
			refresh(skus);
		}
		catch (RuntimeException ex) {
			// these entries expire at their ttl and are then read one by one again
			log.debug("Refreshing {} cached items failed: {}", skus.size(), ex.toString());
		}
	}

	private void refresh(List<String> skus) {
		long loadedAt = System.nanoTime();
		// one template whatever the batch (a sku has no comma), so one tag in the
		// client's metrics
		ResponseEntity<String> answer = this.catalog.get("/item-batch?sku={skus}", String.join(",", skus));
		JsonNode items = answer.getStatusCode().is2xxSuccessful() ? this.json.readTree(answer.getBody()) : null;
		if (items == null || !items.isArray()) {
			throw new IllegalStateException("catalog-service answered the batch with " + answer.getStatusCode());
		}
		Set<String> found = new HashSet<>();
		for (JsonNode item : items) {
			String sku = item.path("sku").asString();
			found.add(sku);
			this.knownSkus.put(sku, Boolean.TRUE);
			CachedItem previous = this.items.getIfPresent(sku);
			long lastReadAt = (previous != null) ? previous.lastReadAt() : loadedAt;
			keep(sku, new CachedItem(this.json.writeValueAsString(item), loadedAt, lastReadAt));
		}
		skus.stream().filter((sku) -> !found.contains(sku)).forEach(this::forget);
	}

	/** Stores an answer unless the cache holds one asked for later. */
	private void keep(String sku, CachedItem answer) {
		this.items.asMap().merge(sku, answer, (held, fresh) -> (held.loadedAt() - fresh.loadedAt() > 0) ? held : fresh);
	}

	/** Drops a sku catalog-service no longer has on sale, for reads and for orders. */
	private void forget(String sku) {
		if (this.items != null) {
			this.items.invalidate(sku);
		}
		this.knownSkus.invalidate(sku);
	}

	private void loop() {
		long interval = this.settings.refreshInterval().toMillis();
		while (this.refresher == Thread.currentThread()) {
			try {
				TimeUnit.MILLISECONDS.sleep(interval);
				refreshPending();
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	@Override
	public void start() {
		if (this.items != null) {
			this.refresher = Thread.ofVirtual().name("item-cache-refresh").unstarted(this::loop);
			this.refresher.start();
		}
	}

	@Override
	public void stop() {
		Thread current = this.refresher;
		this.refresher = null;
		if (current != null) {
			current.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.refresher != null;
	}

}
