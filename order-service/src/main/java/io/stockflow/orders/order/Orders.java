package io.stockflow.orders.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Orders, their lines and their timeline in order-service's own database. Lines go in and
 * out with one statement per order (arrays), not one per line.
 *
 * <p>
 * Within a transaction the orders read are kept (one object per order), and what changes
 * is written just before it commits: new orders, their lines, changed orders, line prices
 * and timeline entries with one statement each, however many messages the transaction
 * applied. A batch reads all its orders first with {@link #lockAll}.
 */
@Repository
class Orders {

	private static final TypeReference<List<Allocation>> ALLOCATIONS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final OrderStatements statements;

	Orders(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
		this.statements = new OrderStatements(jdbc, json);
	}

	/**
	 * Stores a new order with its lines, unless an order with its id exists.
	 * @param order the new order
	 * @return true if stored, false if the id was taken (the same order sent again)
	 */
	boolean insert(Order order) {
		Writes writes = writes();
		OrderId id = order.id();
		if (writes.read.containsKey(id)) {
			if (writes.read.get(id) != null) {
				return false;
			}
			writes.read.put(id, order);
			writes.inserted.add(order);
			return true;
		}
		int inserted = this.jdbc.sql("""
				insert into customer_order (id, customer, status, created_at, updated_at)
				values (?, ?, ?, ?, ?) on conflict (id) do nothing
				""")
			.params(id.value(), order.customer(), order.status().name(), Timestamp.from(order.createdAt()),
					Timestamp.from(order.createdAt()))
			.update();
		if (inserted == 0) {
			return false;
		}
		this.statements.insertLines(List.of(order));
		writes.read.put(id, order);
		return true;
	}

	/**
	 * Locks, in id order, every order of a batch and reads them with their lines: two
	 * statements for the batch. Each is then {@linkplain #lock locked} from memory, and
	 * an id not found is known to be new.
	 * @param ids the batch's orders
	 */
	void lockAll(Collection<OrderId> ids) {
		Writes writes = writes();
		List<UUID> wanted = ids.stream().filter((id) -> !writes.read.containsKey(id)).map(OrderId::value).toList();
		if (wanted.isEmpty()) {
			return;
		}
		String[] texts = wanted.stream().map(UUID::toString).toArray(String[]::new);
		Map<OrderId, List<Line>> lines = new HashMap<>();
		this.jdbc.sql("""
				select order_id, sku, quantity, unit_price, allocations::text as allocations from order_line
				where order_id = any(?::uuid[]) order by order_id, line_no
				""").param(texts).query((rs) -> {
			lines.computeIfAbsent(new OrderId(rs.getObject("order_id", UUID.class)), (k) -> new ArrayList<>())
				.add(line(rs));
		});
		wanted.forEach((id) -> writes.read.put(new OrderId(id), null));
		this.jdbc.sql("""
				select id, customer, status, total, rejected_sku, rejected_requested, rejected_available,
				       rejected_reason, created_at
				from customer_order where id = any(?::uuid[]) order by id for update
				""").param(texts).query((rs) -> {
			OrderId id = new OrderId(rs.getObject("id", UUID.class));
			writes.read.put(id, order(rs, id, lines.getOrDefault(id, List.of())));
		});
	}

	/**
	 * @param id the order
	 * @return the order, locked until the transaction ends, or empty if there is none
	 */
	Optional<Order> lock(OrderId id) {
		Writes writes = writes();
		if (writes.read.containsKey(id)) {
			return Optional.ofNullable(writes.read.get(id));
		}
		Optional<Order> order = this.jdbc.sql("""
				select id, customer, status, total, rejected_sku, rejected_requested, rejected_available,
				       rejected_reason, created_at
				from customer_order where id = ? for update
				""").param(id.value()).query((rs, row) -> order(rs, id, lines(id))).optional();
		writes.read.put(id, order.orElse(null));
		return order;
	}

	/**
	 * Writes an order's status, total, rejection and line prices back when the
	 * transaction commits.
	 * @param order an order loaded with {@link #lock} or stored with {@link #insert}
	 */
	void save(Order order) {
		Writes writes = writes();
		if (writes.read.get(order.id()) != order) {
			throw new IllegalStateException("order " + order.id().value() + " was not read in this transaction");
		}
		writes.saved.add(order);
	}

	/**
	 * Appends to an order's timeline.
	 * @param id the order
	 * @param kind what happened, such as {@code reserved}
	 * @param detail a few words for people, or null
	 */
	void record(OrderId id, String kind, String detail) {
		writes().timeline.add(new OrderStatements.Entry(id, kind, detail));
	}

	/**
	 * Appends two entries to an order's timeline, in this order.
	 * @param id the order
	 * @param kind what happened first
	 * @param detail a few words about it, or null
	 * @param nextKind what happened next
	 * @param nextDetail a few words about that, or null
	 */
	void record(OrderId id, String kind, String detail, String nextKind, String nextDetail) {
		record(id, kind, detail);
		record(id, nextKind, nextDetail);
	}

	private Writes writes() {
		Writes writes = (Writes) TransactionSynchronizationManager.getResource(this);
		if (writes == null) {
			if (!TransactionSynchronizationManager.isSynchronizationActive()) {
				throw new IllegalTransactionStateException("orders are written in a transaction");
			}
			writes = new Writes();
			TransactionSynchronizationManager.bindResource(this, writes);
			TransactionSynchronizationManager.registerSynchronization(writes);
		}
		return writes;
	}

	private Order order(ResultSet rs, OrderId id, List<Line> lines) throws SQLException {
		String rejectedSku = rs.getString("rejected_sku");
		Rejection rejection = (rejectedSku != null) ? new Rejection(rejectedSku, rs.getInt("rejected_requested"),
				rs.getInt("rejected_available"), rs.getString("rejected_reason")) : null;
		BigDecimal total = rs.getBigDecimal("total");
		return new Order(id, rs.getString("customer"), rs.getTimestamp("created_at").toInstant(),
				OrderStatus.valueOf(rs.getString("status")), lines, total, rejection);
	}

	private List<Line> lines(OrderId id) {
		return this.jdbc
			.sql("select sku, quantity, unit_price, allocations::text as allocations from order_line "
					+ "where order_id = ? order by line_no")
			.param(id.value())
			.query((rs, row) -> line(rs))
			.list();
	}

	private Line line(ResultSet rs) throws SQLException {
		return new Line(rs.getString("sku"), rs.getInt("quantity"), rs.getBigDecimal("unit_price"),
				allocations(rs.getString("allocations")));
	}

	private List<Allocation> allocations(String json) {
		return (json != null) ? this.json.readValue(json, ALLOCATIONS) : List.of();
	}

	/**
	 * What one transaction read and changed, written just before it commits (before the
	 * outbox's rows, which are written last).
	 */
	private final class Writes implements TransactionSynchronization {

		/** Every order read or stored in this transaction; null: known not to exist. */
		final Map<OrderId, Order> read = new HashMap<>();

		final List<Order> inserted = new ArrayList<>();

		final Set<Order> saved = new LinkedHashSet<>();

		final List<OrderStatements.Entry> timeline = new ArrayList<>();

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE - 1;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			if (!this.inserted.isEmpty()) {
				Orders.this.statements.insertOrders(this.inserted);
			}
			if (!this.saved.isEmpty()) {
				Orders.this.statements.update(this.saved);
			}
			if (!this.timeline.isEmpty()) {
				Orders.this.statements.append(this.timeline);
			}
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(Orders.this);
		}

	}

}
