package io.stockflow.gateway.catalog;

import java.nio.charset.StandardCharsets;

/**
 * An item's JSON as catalog-service answered it, kept in UTF-8 (it is sent as bytes on
 * every cached read), with when it was asked for and when it was last read.
 */
final class CachedItem {

	/** Reads closer together than this do not write the time again. */
	private static final long READ_RESOLUTION_NANOS = 100_000_000;

	private final byte[] utf8;

	private final long loadedAt;

	private volatile long lastReadAt;

	/**
	 * @param json the item's JSON
	 * @param loadedAt {@link System#nanoTime()} when it was asked of catalog-service
	 * @param lastReadAt {@link System#nanoTime()} when it was last read
	 */
	CachedItem(String json, long loadedAt, long lastReadAt) {
		this.utf8 = json.getBytes(StandardCharsets.UTF_8);
		this.loadedAt = loadedAt;
		this.lastReadAt = lastReadAt;
	}

	byte[] utf8() {
		return this.utf8;
	}

	long loadedAt() {
		return this.loadedAt;
	}

	long lastReadAt() {
		return this.lastReadAt;
	}

	void read(long now) {
		if (now - this.lastReadAt > READ_RESOLUTION_NANOS) {
			this.lastReadAt = now;
		}
	}

}
