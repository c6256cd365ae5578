package io.stockflow.gateway.catalog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's near cache of item answers ({@code stockflow.gateway.item-cache}).
 *
 * @param ttl how long an answer of catalog-service is served from the gateway's memory;
 * zero turns the cache off. It adds at most this much to the read side's staleness.
 * @param maxItems how many items are kept at most (least recently used go first)
 * @param refreshInterval how often the items past half their ttl are refreshed, in batch
 * requests to catalog-service; well under half the ttl
 * @param keepReadItems items read within this long are kept fresh in the background;
 * others expire at their ttl
 * @param knownSkuTtl how long a sku seen on sale passes the order's known-item check
 * without asking catalog-service again
 */
@ConfigurationProperties("stockflow.gateway.item-cache")
public record ItemCacheSettings(@DefaultValue("1s") Duration ttl, @DefaultValue("100000") long maxItems,
		@DefaultValue("100ms") Duration refreshInterval, @DefaultValue("60s") Duration keepReadItems,
		@DefaultValue("10m") Duration knownSkuTtl) {
}
