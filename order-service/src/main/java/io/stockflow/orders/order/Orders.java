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
import java.util.function.Function;

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

	Orders(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
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
		insertLines(List.of(order));
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
		writes().timeline.add(new Entry(id, kind, detail));
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

	private void insertLines(List<Order> orders) {
		List<OrderId> ids = new ArrayList<>();
		List<Line> lines = new ArrayList<>();
		List<Integer> numbers = new ArrayList<>();
		for (Order order : orders) {
			for (int i = 0; i < order.lines().size(); i++) {
				ids.add(order.id());
				lines.add(order.lines().get(i));
				numbers.add(i + 1);
			}
		}
		this.jdbc.sql("""
				insert into order_line (order_id, line_no, sku, quantity)
				select * from unnest(?::uuid[], ?::int[], ?::text[], ?::int[])
				""")
			.params(ids.stream().map((id) -> id.value().toString()).toArray(String[]::new),
					numbers.toArray(Integer[]::new), lines.stream().map(Line::sku).toArray(String[]::new),
					lines.stream().map(Line::quantity).toArray(Integer[]::new))
			.update();
	}

	private void insertOrders(List<Order> orders) {
		List<UUID> stored = this.jdbc.sql("""
				insert into customer_order (id, customer, status, created_at, updated_at)
				select id, customer, status, created_at, created_at
				from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[]) as o(id, customer, status, created_at)
				on conflict (id) do nothing returning id
				""")
			.params(orders.stream().map((o) -> o.id().value().toString()).toArray(String[]::new),
					orders.stream().map(Order::customer).toArray(String[]::new),
					orders.stream().map((o) -> o.status().name()).toArray(String[]::new),
					orders.stream().map((o) -> o.createdAt().toString()).toArray(String[]::new))
			.query(UUID.class)
			.list();
		if (stored.size() != orders.size()) {
			// another transaction stored one of them meanwhile: this one must not go on
			// as if
			// it had (the messages it applied are then applied again, each alone)
			throw new IllegalStateException((orders.size() - stored.size()) + " of " + orders.size()
					+ " new orders were stored by another transaction meanwhile");
		}
		insertLines(orders);
	}

	private void update(Collection<Order> orders) {
		List<Order> rows = List.copyOf(orders);
		this.jdbc.sql("""
				update customer_order o set status = t.status, total = t.total, rejected_sku = t.sku,
				       rejected_requested = t.requested, rejected_available = t.available, rejected_reason = t.reason,
				       updated_at = now()
				from unnest(?::uuid[], ?::text[], ?::numeric[], ?::text[], ?::int[], ?::int[], ?::text[])
				     as t(id, status, total, sku, requested, available, reason)
				where o.id = t.id
				""")
			.params(rows.stream().map((o) -> o.id().value().toString()).toArray(String[]::new),
					rows.stream().map((o) -> o.status().name()).toArray(String[]::new),
					rows.stream()
						.map((o) -> (o.total() != null) ? o.total().toPlainString() : null)
						.toArray(String[]::new),
					rows.stream().map((o) -> rejection(o, Rejection::sku)).toArray(String[]::new),
					rows.stream().map((o) -> rejection(o, Rejection::requested)).toArray(Integer[]::new),
					rows.stream().map((o) -> rejection(o, Rejection::available)).toArray(Integer[]::new),
					rows.stream().map((o) -> rejection(o, Rejection::reason)).toArray(String[]::new))
			.update();
		List<Order> priced = rows.stream().filter((o) -> o.total() != null).toList();
		if (priced.isEmpty()) {
			return;
		}
		List<OrderId> ids = new ArrayList<>();
		List<Line> lines = new ArrayList<>();
		priced.forEach((o) -> o.lines().forEach((line) -> {
			ids.add(o.id());
			lines.add(line);
		}));
		this.jdbc.sql("""
				update order_line l set unit_price = t.price, allocations = t.allocations::jsonb
				from unnest(?::uuid[], ?::text[], ?::numeric[], ?::text[]) as t(order_id, sku, price, allocations)
				where l.order_id = t.order_id and l.sku = t.sku
				""")
			.params(ids.stream().map((id) -> id.value().toString()).toArray(String[]::new),
					lines.stream().map(Line::sku).toArray(String[]::new),
					lines.stream().map((l) -> l.unitPrice().toPlainString()).toArray(String[]::new),
					lines.stream().map((l) -> this.json.writeValueAsString(l.allocations())).toArray(String[]::new))
			.update();
	}

	private void append(List<Entry> entries) {
		this.jdbc.sql("""
				insert into order_timeline (order_id, kind, detail)
				select order_id, kind, detail from unnest(?::uuid[], ?::text[], ?::text[])
				     with ordinality as t(order_id, kind, detail, n)
				order by n
				""")
			.params(entries.stream().map((e) -> e.id().value().toString()).toArray(String[]::new),
					entries.stream().map(Entry::kind).toArray(String[]::new),
					entries.stream().map(Entry::detail).toArray(String[]::new))
			.update();
	}

	private static <T> T rejection(Order order, Function<Rejection, T> field) {
		return (order.rejection() != null) ? field.apply(order.rejection()) : null;
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

		final List<Entry> timeline = new ArrayList<>();

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE - 1;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			if (!this.inserted.isEmpty()) {
				insertOrders(this.inserted);
			}
			if (!this.saved.isEmpty()) {
				update(this.saved);
			}
			if (!this.timeline.isEmpty()) {
				append(this.timeline);
			}
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(Orders.this);
		}

	}

	private record Entry(OrderId id, String kind, String detail) {
	}

}
