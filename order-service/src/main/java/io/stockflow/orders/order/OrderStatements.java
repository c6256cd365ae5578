package io.stockflow.orders.order;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements that write what a transaction changed in orders, one statement for each
 * kind of row however many orders it touched ({@link Orders} decides when they run).
 */
final class OrderStatements {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	OrderStatements(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insertLines(List<Order> orders) {
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

	void insertOrders(List<Order> orders) {
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

	void update(Collection<Order> orders) {
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

	void append(List<Entry> entries) {
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

	/**
	 * A timeline entry to append.
	 *
	 * @param id the order
	 * @param kind what happened
	 * @param detail a few words, or null
	 */
	record Entry(OrderId id, String kind, String detail) {
	}

}
