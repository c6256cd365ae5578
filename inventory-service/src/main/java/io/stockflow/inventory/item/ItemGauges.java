package io.stockflow.inventory.item;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stock alerts as gauges: {@code stockflow.items.low_stock} (items at or below their
 * low-stock threshold) and {@code stockflow.items.out_of_stock} (items with no unit
 * anywhere), from one query at most every few seconds, whoever scrapes.
 */
@Component
class ItemGauges implements MeterBinder {

	private static final Duration FRESH = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private volatile Counts last = new Counts(0, 0, 0);

	ItemGauges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("stockflow.items.low_stock", this, (g) -> g.counts().lowStock())
			.description("Items at or below their low-stock threshold")
			.register(registry);
		Gauge.builder("stockflow.items.out_of_stock", this, (g) -> g.counts().outOfStock())
			.description("Items on sale with no unit at any location")
			.register(registry);
	}

	private Counts counts() {
		Counts current = this.last;
		long now = System.nanoTime();
		if (current.readAt() != 0 && now - current.readAt() < FRESH.toNanos()) {
			return current;
		}
		try {
			current = this.jdbc
				.sql("""
						select count(*) filter (where coalesce(s.available, 0) = 0) as out_of_stock,
						       count(*) filter (where i.low_stock) as low_stock
						from item i left join (select sku, sum(available) as available from stock group by sku) s on s.sku = i.sku
						where not i.deleted
						""")
				.query((rs, row) -> new Counts(rs.getLong("low_stock"), rs.getLong("out_of_stock"), now))
				.single();
		}
		catch (RuntimeException ex) {
			// database away: keep the last counts; readiness reports the database
			return current;
		}
		this.last = current;
		return current;
	}

	private record Counts(long lowStock, long outOfStock, long readAt) {
	}

}
