package io.stockflow.messaging.outbox;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox's backlog as gauges: {@code stockflow.outbox.backlog} (rows not yet
 * published) and {@code stockflow.outbox.lag} (seconds since the oldest of them was
 * written; 0 when there is none). One query, at most every few seconds, whoever scrapes.
 */
public class OutboxGauges implements MeterBinder {

	private static final Duration FRESH = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private volatile Backlog last = new Backlog(0, 0, 0);

	public OutboxGauges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("stockflow.outbox.backlog", this, (g) -> g.backlog().rows())
			.description("Outbox rows not yet published")
			.register(registry);
		Gauge.builder("stockflow.outbox.lag", this, (g) -> g.backlog().oldestSeconds())
			.description("Age of the oldest unpublished outbox row")
			.baseUnit("seconds")
			.register(registry);
	}

	private Backlog backlog() {
		Backlog current = this.last;
		long now = System.nanoTime();
		if (now - current.readAt() < FRESH.toNanos() && current.readAt() != 0) {
			return current;
		}
		try {
			current = this.jdbc.sql("""
					select count(*) as rows, coalesce(extract(epoch from now() - min(created_at)), 0) as oldest
					from outbox where published_at is null
					""").query((rs, n) -> new Backlog(rs.getLong("rows"), rs.getDouble("oldest"), now)).single();
		}
		catch (RuntimeException ex) {
			// database away: report what was last seen; readiness says the rest
			return current;
		}
		this.last = current;
		return current;
	}

	private record Backlog(long rows, double oldestSeconds, long readAt) {
	}

}
