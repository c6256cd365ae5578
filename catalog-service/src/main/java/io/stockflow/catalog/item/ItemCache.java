package io.stockflow.catalog.item;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import io.stockflow.catalog.config.CatalogSettings;

/**
 * Items in Redis, each a hash {@code {v: row version, item: JSON or "" once removed}} at
 * {@code <prefix>catalog:item:<sku>}. Every write is a compare-and-set on the row
 * version, so an entry is only ever replaced by a newer one: a slow reader cannot put
 * back what an event has since replaced. Redis being away never fails a read; and if a
 * write-through failed, reads bypass the cache until its entries could be dropped.
 */
@Component
class ItemCache {

	private static final Logger log = LoggerFactory.getLogger(ItemCache.class);

	private static final RedisScript<Long> PUT_IF_NEWER = new DefaultRedisScript<>("""
			local current = redis.call('HGET', KEYS[1], 'v')
			if current and tonumber(current) >= tonumber(ARGV[1]) then
			    return 0
			end
			redis.call('HSET', KEYS[1], 'v', ARGV[1], 'item', ARGV[2])
			redis.call('PEXPIRE', KEYS[1], ARGV[3])
			return 1
			""", Long.class);

	private static final long WARN_EVERY_MILLIS = 30_000;

	private static final long RETRY_EVERY_MILLIS = 5_000;

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final String prefix;

	private final Duration ttl;

	private final AtomicLong lastWarning = new AtomicLong();

	/** Non-zero while entries may be stale: when to try dropping them next. */
	private final AtomicLong suspectUntil = new AtomicLong();

	ItemCache(StringRedisTemplate redis, JsonMapper json, @Value("${stockflow.redis-prefix}") String prefix,
			CatalogSettings settings) {
		this.redis = redis;
		this.json = json;
		this.prefix = prefix + "catalog:item:";
		this.ttl = settings.itemCacheTtl();
	}

	/**
	 * @return the cached entry, or empty on a miss or when the cache cannot be trusted
	 */
	Optional<Entry> get(String sku) {
		if (!trusted()) {
			return Optional.empty();
		}
		return Optional.ofNullable(attempt("read", () -> entry(sku), null));
	}

	private Entry entry(String sku) {
		List<Object> fields = this.redis.opsForHash().multiGet(key(sku), List.of("v", "item"));
		if (fields.get(0) == null || fields.get(1) == null) {
			return null;
		}
		String item = (String) fields.get(1);
		return new Entry(Long.parseLong((String) fields.get(0)),
				item.isEmpty() ? null : this.json.readValue(item, CatalogItem.class));
	}

	/**
	 * Writes a row through, unless the cache holds the same or a newer row version. If
	 * this fails, the entry may now be stale, so reads stop trusting the cache.
	 */
	void put(ItemRow row) {
		if (write(row) == null) {
			this.suspectUntil.compareAndSet(0, System.currentTimeMillis());
		}
	}

	/**
	 * Writes rows through, each as {@link #put} does, in one round trip to Redis (a
	 * pipeline of the same script).
	 * @param rows the rows a transaction changed
	 */
	void putAll(List<ItemRow> rows) {
		if (rows.size() == 1) {
			put(rows.get(0));
			return;
		}
		if (rows.isEmpty()) {
			return;
		}
		byte[] script = PUT_IF_NEWER.getScriptAsString().getBytes(StandardCharsets.UTF_8);
		byte[] ttl = bytes(Long.toString(this.ttl.toMillis()));
		List<Object> written = attempt("write",
				() -> this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
					for (ItemRow row : rows) {
						connection.scriptingCommands()
							.eval(script, ReturnType.INTEGER, 1, bytes(key(row.item().sku())),
									bytes(Long.toString(row.rowVersion())), bytes(json(row)), ttl);
					}
					return null;
				}), null);
		if (written == null) {
			this.suspectUntil.compareAndSet(0, System.currentTimeMillis());
		}
	}

	/**
	 * Offers a row a reader found in the database; unlike {@link #put} a failure leaves
	 * nothing stale behind.
	 */
	void offer(ItemRow row) {
		if (trusted()) {
			write(row);
		}
	}

	/**
	 * Drops every item entry of this prefix.
	 * @return true if done, false if Redis could not be reached
	 */
	boolean clear() {
		Boolean cleared = attempt("clear", () -> {
			ScanOptions match = ScanOptions.scanOptions().match(this.prefix + "*").count(1000).build();
			List<String> keys = new ArrayList<>();
			try (Cursor<String> cursor = this.redis.scan(match)) {
				cursor.forEachRemaining(keys::add);
			}
			for (int from = 0; from < keys.size(); from += 1000) {
				this.redis.unlink(keys.subList(from, Math.min(keys.size(), from + 1000)));
			}
			return true;
		}, false);
		if (!cleared) {
			this.suspectUntil.compareAndSet(0, System.currentTimeMillis());
		}
		return cleared;
	}

	String key(String sku) {
		return this.prefix + sku;
	}

	private Long write(ItemRow row) {
		return attempt("write", () -> this.redis.execute(PUT_IF_NEWER, List.of(key(row.item().sku())),
				Long.toString(row.rowVersion()), json(row), Long.toString(this.ttl.toMillis())), null);
	}

	/** The cached form of a row: its item's JSON, or "" once removed. */
	private String json(ItemRow row) {
		return row.deleted() ? "" : this.json.writeValueAsString(row.item());
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * True unless a write-through failed; then, every few seconds, tries to drop all
	 * entries, and trusts the cache again once that worked.
	 */
	private boolean trusted() {
		long since = this.suspectUntil.get();
		if (since == 0) {
			return true;
		}
		long now = System.currentTimeMillis();
		if (now < since || !this.suspectUntil.compareAndSet(since, now + RETRY_EVERY_MILLIS)) {
			return false;
		}
		if (clear()) {
			this.suspectUntil.set(0);
			log.info("Item cache cleared after a failed write-through; serving from it again");
			return true;
		}
		return false;
	}

	private <T> T attempt(String what, Supplier<T> operation, T fallback) {
		try {
			return operation.get();
		}
		catch (RuntimeException ex) {
			long now = System.currentTimeMillis();
			long last = this.lastWarning.get();
			if (now - last >= WARN_EVERY_MILLIS && this.lastWarning.compareAndSet(last, now)) {
				log.warn("Item cache {} failed, using the database instead (warning at most every {} s): {}", what,
						WARN_EVERY_MILLIS / 1000, ex.toString());
			}
			else {
				log.debug("Item cache {} failed: {}", what, ex.toString());
			}
			return fallback;
		}
	}

	/**
	 * A cached item.
	 *
	 * @param rowVersion the row version it was cached at
	 * @param item the item, or null if it was removed
	 */
	record Entry(long rowVersion, CatalogItem item) {
	}

}
