package io.stockflow.orders.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders, their lines and their timeline in order-service's own database. Lines go in and
 * out with one statement per order (arrays), not one per line.
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
		int inserted = this.jdbc.sql("""
				insert into customer_order (id, customer, status, created_at, updated_at)
				values (?, ?, ?, ?, ?) on conflict (id) do nothing
				""")
			.params(order.id().value(), order.customer(), order.status().name(),
					java.sql.Timestamp.from(order.createdAt()), java.sql.Timestamp.from(order.createdAt()))
			.update();
		if (inserted == 0) {
			return false;
		}
		this.jdbc.sql("""
				insert into order_line (order_id, line_no, sku, quantity)
				select ?, t.n, t.sku, t.quantity from unnest(?::text[], ?::int[]) with ordinality as t(sku, quantity, n)
				""")
			.params(order.id().value(), order.lines().stream().map(Line::sku).toArray(String[]::new),
					order.lines().stream().mapToInt(Line::quantity).boxed().toArray(Integer[]::new))
			.update();
		return true;
	}

	/**
	 * @param id the order
	 * @return the order, locked until the transaction ends, or empty if there is none
	 */
	Optional<Order> lock(OrderId id) {
		return this.jdbc.sql("""
				select id, customer, status, total, rejected_sku, rejected_requested, rejected_available,
				       rejected_reason, created_at
				from customer_order where id = ? for update
				""").param(id.value()).query((rs, row) -> order(rs, id)).optional();
	}

	/**
	 * Writes an order's status, total, rejection and line prices back.
	 * @param order an order loaded with {@link #lock}
	 */
	void save(Order order) {
		Rejection r = order.rejection();
		this.jdbc.sql("""
				update customer_order set status = ?, total = ?, rejected_sku = ?, rejected_requested = ?,
				       rejected_available = ?, rejected_reason = ?, updated_at = now()
				where id = ?
				""")
			.params(order.status().name(), order.total(), (r != null) ? r.sku() : null,
					(r != null) ? r.requested() : null, (r != null) ? r.available() : null,
					(r != null) ? r.reason() : null, order.id().value())
			.update();
		if (order.total() != null) {
			savePrices(order);
		}
	}

	/**
	 * Appends to an order's timeline.
	 * @param id the order
	 * @param kind what happened, such as {@code reserved}
	 * @param detail a few words for people, or null
	 */
	void record(OrderId id, String kind, String detail) {
		this.jdbc.sql("insert into order_timeline (order_id, kind, detail) values (?, ?, ?)")
			.params(id.value(), kind, detail)
			.update();
	}

	/**
	 * Appends two entries to an order's timeline in one statement, in this order.
	 * @param id the order
	 * @param kind what happened first
	 * @param detail a few words about it, or null
	 * @param nextKind what happened next
	 * @param nextDetail a few words about that, or null
	 */
	void record(OrderId id, String kind, String detail, String nextKind, String nextDetail) {
		this.jdbc.sql("insert into order_timeline (order_id, kind, detail) values (?, ?, ?), (?, ?, ?)")
			.params(id.value(), kind, detail, id.value(), nextKind, nextDetail)
			.update();
	}

	private void savePrices(Order order) {
		List<Line> lines = order.lines();
		this.jdbc.sql("""
				update order_line l set unit_price = t.price, allocations = t.allocations::jsonb
				from unnest(?::text[], ?::numeric[], ?::text[]) as t(sku, price, allocations)
				where l.order_id = ? and l.sku = t.sku
				""")
			.params(lines.stream().map(Line::sku).toArray(String[]::new),
					lines.stream().map((l) -> l.unitPrice().toPlainString()).toArray(String[]::new),
					lines.stream().map((l) -> this.json.writeValueAsString(l.allocations())).toArray(String[]::new),
					order.id().value())
			.update();
	}

	private Order order(ResultSet rs, OrderId id) throws SQLException {
		String rejectedSku = rs.getString("rejected_sku");
		Rejection rejection = (rejectedSku != null) ? new Rejection(rejectedSku, rs.getInt("rejected_requested"),
				rs.getInt("rejected_available"), rs.getString("rejected_reason")) : null;
		BigDecimal total = rs.getBigDecimal("total");
		return new Order(id, rs.getString("customer"), rs.getTimestamp("created_at").toInstant(),
				OrderStatus.valueOf(rs.getString("status")), lines(id), total, rejection);
	}

	private List<Line> lines(OrderId id) {
		return this.jdbc
			.sql("select sku, quantity, unit_price, allocations::text as allocations from order_line "
					+ "where order_id = ? order by line_no")
			.param(id.value())
			.query((rs, row) -> new Line(rs.getString("sku"), rs.getInt("quantity"), rs.getBigDecimal("unit_price"),
					allocations(rs.getString("allocations"))))
			.list();
	}

	private List<Allocation> allocations(String json) {
		return (json != null) ? this.json.readValue(json, ALLOCATIONS) : List.of();
	}

}
