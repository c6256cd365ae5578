package io.stockflow.orders.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A customer's order and its place in the saga. Every transition is guarded: an illegal
 * one throws {@link OrderRuleViolation}; the same transition again (a redelivered
 * message) changes nothing and says so by returning false.
 */
final class Order {

	private static final Pattern SKU = Pattern.compile("[A-Za-z0-9-]{1,64}");

	private static final int MAX_LINES = 50;

	private static final int MAX_QUANTITY = 1000;

	private final OrderId id;

	private final String customer;

	private final Instant createdAt;

	private OrderStatus status;

	private List<Line> lines;

	private BigDecimal total;

	private Rejection rejection;

	Order(OrderId id, String customer, Instant createdAt, OrderStatus status, List<Line> lines, BigDecimal total,
			Rejection rejection) {
		this.id = Objects.requireNonNull(id);
		this.customer = Objects.requireNonNull(customer);
		this.createdAt = Objects.requireNonNull(createdAt);
		this.status = Objects.requireNonNull(status);
		this.lines = List.copyOf(lines);
		this.total = total;
		this.rejection = rejection;
	}

	/**
	 * A new pending order, checked against the order rules (API.md limits).
	 * @param id the order id
	 * @param customer the customer's user name
	 * @param lines 1 to 50 lines, each sku once, 1 to 1,000 units each
	 * @param now the time it was placed
	 * @return the order, PENDING
	 * @throws OrderRuleViolation naming the broken rule
	 */
	static Order place(OrderId id, String customer, List<Line> lines, Instant now) {
		require(customer != null && !customer.isBlank(), "an order needs a customer");
		require(lines != null && !lines.isEmpty() && lines.size() <= MAX_LINES, "an order has 1 to 50 lines");
		Set<String> skus = new HashSet<>();
		for (Line line : lines) {
			require(line.sku() != null && SKU.matcher(line.sku()).matches(), "sku must match [A-Za-z0-9-]{1,64}");
			require(line.quantity() >= 1 && line.quantity() <= MAX_QUANTITY, "quantity must be between 1 and 1000");
			require(skus.add(line.sku()), "sku " + line.sku() + " is listed twice");
		}
		return new Order(id, customer, now, OrderStatus.PENDING, lines, null, null);
	}

	/**
	 * Inventory reserved every line: the order is confirmed at the reserved prices and
	 * its total computed here.
	 * @param reserved one priced line per order line, same sku and quantity
	 * @return true if confirmed now, false if it was confirmed already
	 * @throws OrderRuleViolation if the order is rejected or cancelled, or the
	 * reservation does not match its lines
	 */
	boolean confirm(List<Line> reserved) {
		if (this.status == OrderStatus.CONFIRMED) {
			return false;
		}
		requireStatus(OrderStatus.PENDING, "confirm");
		Map<String, Line> bySku = new HashMap<>();
		reserved.forEach((line) -> bySku.put(line.sku(), line));
		List<Line> priced = new ArrayList<>();
		for (Line line : this.lines) {
			Line match = bySku.get(line.sku());
			require(match != null && match.quantity() == line.quantity() && match.unitPrice() != null
					&& match.unitPrice().signum() >= 0,
					"the reservation of order " + this.id + " does not match its line " + line.sku());
			priced.add(line.reservedAt(match.unitPrice(), match.allocations()));
		}
		require(reserved.size() == this.lines.size(), "the reservation of order " + this.id + " has other lines");
		this.lines = List.copyOf(priced);
		this.total = priced.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
		this.total = this.total.setScale(2, RoundingMode.HALF_UP);
		this.status = OrderStatus.CONFIRMED;
		return true;
	}

	/**
	 * Inventory could not reserve the order; nothing of it is held.
	 * @param why the first short line
	 * @return true if rejected now, false if it was rejected already
	 * @throws OrderRuleViolation if the order is confirmed or cancelled
	 */
	boolean reject(Rejection why) {
		if (this.status == OrderStatus.REJECTED) {
			return false;
		}
		requireStatus(OrderStatus.PENDING, "reject");
		this.rejection = Objects.requireNonNull(why);
		this.status = OrderStatus.REJECTED;
		return true;
	}

	/**
	 * The customer or an admin cancels the order. A confirmed order's stock must be
	 * released; a pending one's will be released when its reservation arrives.
	 * @return what the cancel means for the order's stock
	 * @throws OrderRuleViolation if the order was rejected
	 */
	Cancellation cancel() {
		return switch (this.status) {
			case CANCELLED -> Cancellation.ALREADY_CANCELLED;
			case REJECTED -> throw new OrderRuleViolation("order " + this.id + " was rejected; it cannot be cancelled");
			case PENDING -> {
				this.status = OrderStatus.CANCELLED;
				yield Cancellation.BEFORE_RESERVATION;
			}
			case CONFIRMED -> {
				this.status = OrderStatus.CANCELLED;
				yield Cancellation.RELEASE_STOCK;
			}
		};
	}

	/**
	 * @return true while the order may still be cancelled (pending or confirmed)
	 */
	boolean isCancellable() {
		return this.status == OrderStatus.PENDING || this.status == OrderStatus.CONFIRMED;
	}

	/**
	 * @return true if stock reserved for this order must go back: it ended without
	 * wanting it (cancelled, or rejected)
	 */
	boolean refusesStock() {
		return this.status == OrderStatus.CANCELLED || this.status == OrderStatus.REJECTED;
	}

	/**
	 * @param username a user
	 * @return true if the user placed this order
	 */
	boolean belongsTo(String username) {
		return this.customer.equals(username);
	}

	OrderId id() {
		return this.id;
	}

	String customer() {
		return this.customer;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	OrderStatus status() {
		return this.status;
	}

	List<Line> lines() {
		return this.lines;
	}

	/**
	 * @return the total once confirmed, else null
	 */
	BigDecimal total() {
		return this.total;
	}

	/**
	 * @return why inventory rejected the order, else null
	 */
	Rejection rejection() {
		return this.rejection;
	}

	private void requireStatus(OrderStatus expected, String transition) {
		require(this.status == expected,
				"cannot " + transition + " order " + this.id + ": it is " + this.status + ", not " + expected);
	}

	private static void require(boolean rule, String message) {
		if (!rule) {
			throw new OrderRuleViolation(message);
		}
	}

	/** What cancelling meant for an order's stock. */
	enum Cancellation {

		/** It was pending: whatever inventory reserves for it later is released then. */
		BEFORE_RESERVATION,

		/** It was confirmed: its reserved stock must be released now. */
		RELEASE_STOCK,

		/** It was cancelled before: nothing changes. */
		ALREADY_CANCELLED

	}

}
