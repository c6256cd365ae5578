package io.stockflow.inventory.reservation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.StockLevel;
import io.stockflow.contracts.order.OrderLine;
import io.stockflow.contracts.order.ReleaseStock;
import io.stockflow.contracts.order.ReserveStock;
import io.stockflow.contracts.order.ReservedLine;
import io.stockflow.contracts.order.StockRejected;
import io.stockflow.contracts.order.StockReleased;
import io.stockflow.contracts.order.StockReserved;
import io.stockflow.inventory.ledger.StockLedger;
import io.stockflow.inventory.outcome.CommandOutcomes;
import io.stockflow.inventory.stock.StockAlerts;
import io.stockflow.inventory.stock.StockChanges;

/**
 * Reserves orders' stock, all lines or none, in one transaction: the stock rows of every
 * sku of the order are locked in sku and location order (so concurrent reservations never
 * deadlock), every line is checked against what is available, and only then is anything
 * taken. Nothing can be oversold: a level never goes below zero, and the check and the
 * decrement happen under the same lock. Releases give back exactly what an order took.
 */
@Service
public class ReservationManagement {

	private final JdbcClient jdbc;

	private final StockChanges changes;

	private final StockAlerts alerts;

	private final CommandOutcomes outcomes;

	ReservationManagement(JdbcClient jdbc, StockChanges changes, StockAlerts alerts, CommandOutcomes outcomes) {
		this.jdbc = jdbc;
		this.changes = changes;
		this.alerts = alerts;
		this.outcomes = outcomes;
	}

	/**
	 * Reserves every line of an order, or rejects it naming the first line that cannot be
	 * served.
	 * @param command the envelope from order-service
	 * @param reserve the order's lines
	 */
	@Transactional
	public void reserve(Envelope<?> command, ReserveStock reserve) {
		if (alreadyReserved(reserve)) {
			return;
		}
		List<String> skus = reserve.lines().stream().map(OrderLine::sku).distinct().sorted().toList();
		Map<String, Map<String, Integer>> levels = lockLevels(skus);
		Map<String, Item> items = items(skus);
		for (OrderLine line : reserve.lines()) {
			StockRejected rejection = rejectionOf(reserve, line, items.get(line.sku()), levels.get(line.sku()));
			if (rejection != null) {
				this.outcomes.announce(command, RoutingKeys.RESERVATION_REJECTED, rejection);
				return;
			}
		}
		List<ReservedLine> reserved = new ArrayList<>();
		for (OrderLine line : reserve.lines()) {
			reserved.add(take(command, reserve, line, items.get(line.sku()), levels.get(line.sku())));
		}
		this.outcomes.announce(command, RoutingKeys.RESERVATION_RESERVED,
				new StockReserved(reserve.orderId(), reserved));
		this.alerts.checkAll(command, skus);
	}

	/**
	 * Gives back what an order took; an order released before, or never reserved, gets
	 * nothing.
	 * @param command the envelope from order-service
	 * @param release the order
	 */
	@Transactional
	public void release(Envelope<?> command, ReleaseStock release) {
		List<Taken> taken = this.jdbc.sql("""
				select sku, location, quantity from reservation
				where order_id = ? and not released order by sku, location for update
				""")
			.param(release.orderId())
			.query((rs, row) -> new Taken(rs.getString("sku"), rs.getString("location"), rs.getInt("quantity")))
			.list();
		int units = 0;
		for (Taken t : taken) {
			int before = this.jdbc.sql("select available from stock where sku = ? and location = ? for update")
				.params(t.sku(), t.location())
				.query(Integer.class)
				.single();
			this.changes.apply(command, new StockChanges.Change(t.sku(), t.location(), StockLedger.Kind.RELEASED,
					before, before + t.quantity(), "order cancelled", release.orderId()));
			units += t.quantity();
		}
		this.jdbc.sql("update reservation set released = true where order_id = ?").param(release.orderId()).update();
		this.outcomes.announce(command, RoutingKeys.RESERVATION_RELEASED, new StockReleased(release.orderId(), units));
		this.alerts.checkAll(command, new TreeSet<>(taken.stream().map(Taken::sku).toList()));
	}

	/**
	 * Locks, in sku and location order, the stock rows that a batch of reservations and
	 * releases will change, before any of them runs: each then locks its own rows again
	 * (already held), so no two batches wait on each other in opposite orders.
	 * @param payloads the batch's messages; other payloads lock nothing
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void lockStockFor(List<Object> payloads) {
		String[] reserving = payloads.stream()
			.flatMap((p) -> (p instanceof ReserveStock r) ? r.lines().stream().map(OrderLine::sku) : Stream.empty())
			.distinct()
			.toArray(String[]::new);
		String[] releasing = payloads.stream()
			.flatMap((p) -> (p instanceof ReleaseStock r && r.orderId() != null) ? Stream.of(r.orderId().toString())
					: Stream.empty())
			.toArray(String[]::new);
		this.jdbc
			.sql("""
					select 1 from stock
					where sku = any(?) or sku in (select sku from reservation where order_id = any(?::uuid[]) and not released)
					order by sku, location for update
					""")
			.params(reserving, releasing)
			.query(Integer.class)
			.list();
	}

	private boolean alreadyReserved(ReserveStock reserve) {
		return this.jdbc.sql("select exists (select 1 from reservation where order_id = ?)")
			.param(reserve.orderId())
			.query(Boolean.class)
			.single();
	}

	private Map<String, Map<String, Integer>> lockLevels(List<String> skus) {
		Map<String, Map<String, Integer>> levels = new LinkedHashMap<>();
		this.jdbc.sql("""
				select sku, location, available from stock where sku = any(?) order by sku, location for update
				""").param(skus.toArray(String[]::new)).query((rs) -> {
			levels.computeIfAbsent(rs.getString("sku"), (k) -> new LinkedHashMap<>())
				.put(rs.getString("location"), rs.getInt("available"));
		});
		return levels;
	}

	private Map<String, Item> items(List<String> skus) {
		Map<String, Item> items = new LinkedHashMap<>();
		this.jdbc.sql("select sku, price, deleted from item where sku = any(?)")
			.param(skus.toArray(String[]::new))
			.query((rs) -> {
				items.put(rs.getString("sku"), new Item(rs.getBigDecimal("price"), rs.getBoolean("deleted")));
			});
		return items;
	}

	private static StockRejected rejectionOf(ReserveStock reserve, OrderLine line, Item item,
			Map<String, Integer> levels) {
		if (item == null) {
			return new StockRejected(reserve.orderId(), line.sku(), line.quantity(), 0, "no item " + line.sku());
		}
		if (item.deleted()) {
			return new StockRejected(reserve.orderId(), line.sku(), line.quantity(), 0,
					"item " + line.sku() + " is no longer sold");
		}
		int available = (levels != null) ? levels.values().stream().mapToInt(Integer::intValue).sum() : 0;
		if (line.quantity() <= 0 || available < line.quantity()) {
			return new StockRejected(reserve.orderId(), line.sku(), line.quantity(), available,
					"only " + available + " of " + line.sku() + " available");
		}
		return null;
	}

	private ReservedLine take(Envelope<?> command, ReserveStock reserve, OrderLine line, Item item,
			Map<String, Integer> levels) {
		List<StockLevel> allocations = new ArrayList<>();
		for (Map.Entry<String, Integer> taken : Allocation.of(levels, line.quantity())) {
			int before = levels.get(taken.getKey());
			levels.put(taken.getKey(), before - taken.getValue());
			this.changes.apply(command, new StockChanges.Change(line.sku(), taken.getKey(), StockLedger.Kind.RESERVED,
					before, before - taken.getValue(), "order", reserve.orderId()));
			this.jdbc.sql("insert into reservation (order_id, sku, location, quantity) values (?, ?, ?, ?)")
				.params(reserve.orderId(), line.sku(), taken.getKey(), taken.getValue())
				.update();
			allocations.add(new StockLevel(taken.getKey(), taken.getValue()));
		}
		return new ReservedLine(line.sku(), line.quantity(), item.price(), allocations);
	}

	private record Item(BigDecimal price, boolean deleted) {
	}

	private record Taken(String sku, String location, int quantity) {
	}

}
