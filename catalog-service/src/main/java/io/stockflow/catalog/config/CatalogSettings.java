package io.stockflow.catalog.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the read model's cache and rebuild ({@code stockflow.catalog.*}).
 *
 * @param itemCacheTtl how long an item stays in Redis without being written again
 * @param rebuildQuietPeriod a rebuild has caught up once no event arrived for this long
 * @param rebuildPrefetch unacknowledged events in flight while replaying the event log
 */
@ConfigurationProperties("stockflow.catalog")
public record CatalogSettings(@DefaultValue("10m") Duration itemCacheTtl,
		@DefaultValue("1s") Duration rebuildQuietPeriod, @DefaultValue("500") int rebuildPrefetch) {
}
