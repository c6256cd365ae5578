package io.stockflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongFunction;

import org.HdrHistogram.Histogram;

/**
 * Orders end to end: POST /api/orders at a fixed rate, then, from order-service's
 * database, when each order was decided. POST→decided is the time from the request's due
 * moment to the commit time of the order's CONFIRMED or REJECTED status (same machine,
 * same clock).
 */
final class OrderRun {

	private final Api api;

	private final BenchSettings.Db orders;

	private final List<String> tokens;

	OrderRun(Api api, BenchSettings.Db orders, List<String> tokens) {
		this.api = api;
		this.orders = orders;
		this.tokens = tokens;
	}

	/**
	 * One step of one-unit orders.
	 * @param label a name for the idempotency keys
	 * @param rate orders per second offered
	 * @param seconds how long
	 * @param skuOf the sku of order {@code i}
	 * @return the outcome, with the ids for the checks
	 */
	Outcome run(String label, int rate, int seconds, LongFunction<String> skuOf) {
		int total = rate * seconds;
		AtomicReferenceArray<String> ids = new AtomicReferenceArray<>(total);
		String run = label + "-" + UUID.randomUUID().toString().substring(0, 8);
		OpenLoop.Step step = OpenLoop.run(rate, seconds, (i) -> {
			String token = this.tokens.get((int) (i % this.tokens.size()));
			return this.api.placeOrder(token, run + "-" + i, skuOf.apply(i), 1).thenApply((id) -> {
				ids.set((int) i, id);
				return id != null;
			});
		});
		List<UUID> accepted = new ArrayList<>();
		List<Long> due = new ArrayList<>();
		for (int i = 0; i < total; i++) {
			if (ids.get(i) != null) {
				accepted.add(UUID.fromString(ids.get(i)));
				due.add(step.dueMicros(i));
			}
		}
		return decide(step, accepted, due);
	}

	private Outcome decide(OpenLoop.Step step, List<UUID> accepted, List<Long> due) {
		Duration deadline = Duration.ofSeconds(Math.max(60, accepted.size() / 200));
		long pending = waitUntilDecided(accepted, deadline);
		Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);
		Map<UUID, Long> index = new java.util.HashMap<>();
		for (int i = 0; i < accepted.size(); i++) {
			index.put(accepted.get(i), due.get(i));
		}
		long confirmed = 0;
		long rejected = 0;
		long found = 0;
		long lastDecided = 0;
		try (Connection db = connect(); PreparedStatement query = db.prepareStatement("""
				select id, status, (extract(epoch from updated_at) * 1000000)::bigint
				from customer_order where id = any(?)""")) {
			query.setArray(1, db.createArrayOf("uuid", accepted.toArray()));
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					found++;
					String status = rows.getString(2);
					if ("PENDING".equals(status)) {
						continue;
					}
					confirmed += "CONFIRMED".equals(status) ? 1 : 0;
					rejected += "REJECTED".equals(status) ? 1 : 0;
					long decidedAt = rows.getLong(3);
					lastDecided = Math.max(lastDecided, decidedAt);
					latency.recordValue(Math.max(0, decidedAt - index.get(rows.getObject(1, UUID.class))));
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("reading outcomes from order-service's database: " + ex.getMessage(), ex);
		}
		double seconds = (lastDecided - step.startEpochMicros()) / 1e6;
		return new Outcome(step, accepted, confirmed, rejected, accepted.size() - found, pending,
				(seconds > 0) ? (confirmed + rejected) / seconds : 0, latency);
	}

	private long waitUntilDecided(List<UUID> ids, Duration deadline) {
		long end = System.nanoTime() + deadline.toNanos();
		long pending;
		do {
			// one statement (two counts taken apart can see an order arrive between)
			pending = ids.size()
					- count("select count(*) from customer_order where id = any(?) and status <> 'PENDING'", ids);
			if (pending == 0) {
				return 0;
			}
			sleep(250);
		}
		while (System.nanoTime() < end);
		return pending;
	}

	private long count(String sql, List<UUID> ids) {
		try (Connection db = connect(); PreparedStatement query = db.prepareStatement(sql)) {
			query.setArray(1, db.createArrayOf("uuid", ids.toArray()));
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("counting orders: " + ex.getMessage(), ex);
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.orders.url(), this.orders.username(), this.orders.password());
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * What one step of orders did.
	 *
	 * @param step the HTTP side
	 * @param accepted the orders answered 202
	 * @param confirmed how many ended CONFIRMED
	 * @param rejected how many ended REJECTED
	 * @param lost accepted but unknown to order-service
	 * @param stuck still PENDING at the deadline
	 * @param decidedPerSecond decided orders over the time from the first due POST to the
	 * last decision
	 * @param latency POST due → decided, microseconds
	 */
	record Outcome(OpenLoop.Step step, List<UUID> accepted, long confirmed, long rejected, long lost, long stuck,
			double decidedPerSecond, Histogram latency) {

		Map<String, Object> summary() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("offeredPerSecond", this.step.rate());
			map.put("posted", this.step.sent());
			map.put("accepted", this.accepted.size());
			map.put("httpFailed", this.step.failed());
			map.put("postLatencyMs", OpenLoop.percentiles(this.step.latencies()));
			map.put("confirmed", this.confirmed);
			map.put("rejected", this.rejected);
			map.put("lost", this.lost);
			map.put("stuck", this.stuck);
			map.put("decidedPerSecond", OpenLoop.round(this.decidedPerSecond));
			map.put("postToDecidedMs", OpenLoop.percentiles(this.latency));
			return map;
		}

	}

}
