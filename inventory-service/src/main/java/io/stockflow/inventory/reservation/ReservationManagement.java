package io.stockflow.inventory.reservation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.InvalidMessageException;
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

/**
 * Reserves orders' stock, all lines or none, in one transaction: the stock rows of every
 * sku of the order are locked in sku and location order (so concurrent reservations never
 * deadlock), every line is checked against what is available, and only then is anything
 * taken. Nothing can be oversold: a level never goes below zero, and the check and the
 * decrement happen under the same lock. Releases give back exactly what an order took.
 *
 * <p>
 * A batch of reservations and releases locks all its rows first ({@link #lockStockFor}),
 * applies each message to the locked rows in memory and writes them all at the end
 * ({@link #writeLocked}): a few statements per batch instead of a few per reservation.
 */
@Service
public class ReservationManagement {

	private final JdbcClient jdbc;

	private final StockLedger ledger;

	private final StockAlerts alerts;

	private final CommandOutcomes outcomes;

	ReservationManagement(JdbcClient jdbc, StockLedger ledger, StockAlerts alerts, CommandOutcomes outcomes) {
		this.jdbc = jdbc;
		this.ledger = ledger;
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
		if (reserve.orderId() == null || reserve.lines() == null
				|| reserve.lines().stream().anyMatch(Objects::isNull)) {
			throw new InvalidMessageException("a reservation needs an orderId and lines");
		}
		LockedStock stock = lockedStock();
		if (stock.isReserved(reserve.orderId())) {
			return;
		}
		List<String> skus = reserve.lines().stream().map(OrderLine::sku).distinct().sorted().toList();
		Map<String, Map<String, Integer>> levels = stock.available(skus);
		for (OrderLine line : reserve.lines()) {
			StockRejected rejection = rejectionOf(reserve, line, stock.item(line.sku()), levels.get(line.sku()));
			if (rejection != null) {
				this.outcomes.announce(command, RoutingKeys.RESERVATION_REJECTED, rejection);
				return;
			}
		}
		List<ReservedLine> reserved = new ArrayList<>();
		for (OrderLine line : reserve.lines()) {
			reserved.add(take(command, reserve, line, stock, levels.get(line.sku())));
		}
		this.outcomes.announce(command, RoutingKeys.RESERVATION_RESERVED,
				new StockReserved(reserve.orderId(), reserved));
		writeUnlessBatch(stock);
	}

	/**
	 * Gives back what an order took; an order released before, or never reserved, gets
	 * nothing.
	 * @param command the envelope from order-service
	 * @param release the order
	 */
	@Transactional
	public void release(Envelope<?> command, ReleaseStock release) {
		if (release.orderId() == null) {
			throw new InvalidMessageException("a release needs an orderId");
		}
		LockedStock stock = lockedStock();
		stock.flush(); // its reservation rows may still be in memory
		List<Taken> taken = this.jdbc.sql("""
				select sku, location, quantity from reservation
				where order_id = ? and not released order by sku, location for update
				""")
			.param(release.orderId())
			.query((rs, row) -> new Taken(rs.getString("sku"), rs.getString("location"), rs.getInt("quantity")))
			.list();
		stock.available(taken.stream().map(Taken::sku).distinct().sorted().toList());
		int units = 0;
		for (Taken t : taken) {
			stock.change(command, t.sku(), t.location(), StockLedger.Kind.RELEASED, t.quantity(), "order cancelled",
					release.orderId());
			units += t.quantity();
		}
		this.jdbc.sql("update reservation set released = true where order_id = ?").param(release.orderId()).update();
		this.outcomes.announce(command, RoutingKeys.RESERVATION_RELEASED, new StockReleased(release.orderId(), units));
		writeUnlessBatch(stock);
	}

	/**
	 * Locks, in sku and location order, the stock rows that a batch of reservations and
	 * releases will change, before any of them runs, so that no two batches wait on each
	 * other in opposite orders; the rows are then changed in memory until
	 * {@link #writeLocked}.
	 * @param payloads the batch's messages; other payloads lock nothing
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void lockStockFor(List<Object> payloads) {
		List<String> reserving = payloads.stream()
			.flatMap((p) -> (p instanceof ReserveStock r && r.lines() != null)
					? r.lines().stream().filter(Objects::nonNull).map(OrderLine::sku).filter(Objects::nonNull)
					: Stream.empty())
			.distinct()
			.toList();
		List<UUID> reservingOrders = payloads.stream()
			.flatMap((p) -> (p instanceof ReserveStock r && r.orderId() != null) ? Stream.of(r.orderId())
					: Stream.empty())
			.toList();
		List<UUID> releasing = payloads.stream()
			.flatMap((p) -> (p instanceof ReleaseStock r && r.orderId() != null) ? Stream.of(r.orderId())
					: Stream.empty())
			.toList();
		LockedStock stock = lockedStock();
		stock.load(reserving, releasing, reservingOrders);
		stock.batch = true;
	}

	/**
	 * Writes what a batch changed in memory: levels, ledger, reservations, and the
	 * low-stock check of the skus it changed.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void writeLocked() {
		lockedStock().flush();
	}

	private LockedStock lockedStock() {
		return LockedStock.of(this.jdbc, this.ledger, this.alerts, this.outcomes);
	}

	private static void writeUnlessBatch(LockedStock stock) {
		if (!stock.batch) {
			stock.flush();
		}
	}

	private static StockRejected rejectionOf(ReserveStock reserve, OrderLine line, LockedStock.Item item,
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

	private static ReservedLine take(Envelope<?> command, ReserveStock reserve, OrderLine line, LockedStock stock,
			Map<String, Integer> levels) {
		List<StockLevel> allocations = new ArrayList<>();
		for (Map.Entry<String, Integer> taken : Allocation.of(levels, line.quantity())) {
			levels.merge(taken.getKey(), -taken.getValue(), Integer::sum);
			stock.change(command, line.sku(), taken.getKey(), StockLedger.Kind.RESERVED, -taken.getValue(), "order",
					reserve.orderId());
			stock.take(reserve.orderId(), line.sku(), taken.getKey(), taken.getValue());
			allocations.add(new StockLevel(taken.getKey(), taken.getValue()));
		}
		return new ReservedLine(line.sku(), line.quantity(), stock.item(line.sku()).price(), allocations);
	}

	private record Taken(String sku, String location, int quantity) {
	}

}
