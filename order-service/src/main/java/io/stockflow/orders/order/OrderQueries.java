package io.stockflow.orders.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads of orders for the gateway: one order with its timeline, pages of orders newest
 * first, counts by status. Money is a decimal string with two fraction digits, as in the
 * public API.
 */
@Repository
class OrderQueries {

	private static final String SUMMARY_COLUMNS = """
			id, customer, status, total, rejected_sku, rejected_requested, rejected_available, rejected_reason,
			created_at, updated_at
			""";

	private final JdbcClient jdbc;

	OrderQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<OrderDetails> details(UUID id) {
		return this.jdbc.sql("select " + SUMMARY_COLUMNS + " from customer_order where id = ?")
			.param(id)
			.query(OrderQueries::summary)
			.optional()
			.map((order) -> OrderDetails.of(order, lines(List.of(id)).getOrDefault(id, List.of()), timeline(id)));
	}

	/**
	 * @param customer only this customer's orders, or null for everyone's
	 * @param page zero-based page
	 * @param size orders per page
	 * @return the page, newest first
	 */
	Page<OrderSummary> list(String customer, int page, int size) {
		String where = (customer != null) ? " where customer = :customer" : "";
		long total = this.jdbc.sql("select count(*) from customer_order" + where)
			.params(Map.of("customer", String.valueOf(customer)))
			.query(Long.class)
			.single();
		List<OrderSummary> orders = this.jdbc
			.sql("select " + SUMMARY_COLUMNS + " from customer_order" + where
					+ " order by created_at desc, id limit :size offset :offset")
			.params(Map.of("customer", String.valueOf(customer), "size", size, "offset", (long) page * size))
			.query(OrderQueries::summary)
			.list();
		Map<UUID, List<LineView>> lines = lines(orders.stream().map(OrderSummary::orderId).toList());
		return new Page<>(orders.stream().map((o) -> o.withLines(lines.getOrDefault(o.orderId(), List.of()))).toList(),
				page, size, total);
	}

	/**
	 * @return orders per status, zero for a status without any, in one grouped count
	 */
	Stats stats() {
		Map<String, Long> counts = this.jdbc.sql("select status, count(*) as n from customer_order group by status")
			.query((rs, row) -> Map.entry(rs.getString("status"), rs.getLong("n")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		return new Stats(counts.getOrDefault("PENDING", 0L), counts.getOrDefault("CONFIRMED", 0L),
				counts.getOrDefault("REJECTED", 0L), counts.getOrDefault("CANCELLED", 0L));
	}

	private Map<UUID, List<LineView>> lines(List<UUID> orders) {
		if (orders.isEmpty()) {
			return Map.of();
		}
		return this.jdbc.sql("""
				select order_id, sku, quantity, unit_price from order_line
				where order_id = any(?::uuid[]) order by order_id, line_no
				""")
			.param(orders.stream().map(UUID::toString).toArray(String[]::new))
			.query((rs, row) -> Map.entry(rs.getObject("order_id", UUID.class),
					new LineView(rs.getString("sku"), rs.getInt("quantity"), rs.getBigDecimal("unit_price"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

	private List<TimelineEntry> timeline(UUID id) {
		return this.jdbc.sql("select at, kind, detail from order_timeline where order_id = ? order by id")
			.param(id)
			.query((rs, row) -> new TimelineEntry(rs.getTimestamp("at").toInstant(), rs.getString("kind"),
					rs.getString("detail")))
			.list();
	}

	private static OrderSummary summary(ResultSet rs, int row) throws SQLException {
		String sku = rs.getString("rejected_sku");
		RejectionView rejection = (sku != null) ? new RejectionView(sku, rs.getInt("rejected_requested"),
				rs.getInt("rejected_available"), rs.getString("rejected_reason")) : null;
		return new OrderSummary(rs.getObject("id", UUID.class), rs.getString("customer"), rs.getString("status"),
				List.of(), rs.getBigDecimal("total"), rejection, rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	/**
	 * An order in a list.
	 *
	 * @param orderId the order
	 * @param customer its customer
	 * @param status PENDING, CONFIRMED, REJECTED or CANCELLED
	 * @param lines its lines
	 * @param total the total once confirmed, else null
	 * @param rejection why it was rejected, absent otherwise
	 * @param createdAt when it was placed
	 * @param updatedAt when it last changed
	 */
	record OrderSummary(UUID orderId, String customer, String status, List<LineView> lines,
			@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
			@JsonInclude(JsonInclude.Include.NON_NULL) RejectionView rejection, Instant createdAt, Instant updatedAt) {

		OrderSummary withLines(List<LineView> lines) {
			return new OrderSummary(this.orderId, this.customer, this.status, lines, this.total, this.rejection,
					this.createdAt, this.updatedAt);
		}

	}

	/**
	 * An order with its timeline.
	 *
	 * @param orderId the order
	 * @param customer its customer
	 * @param status PENDING, CONFIRMED, REJECTED or CANCELLED
	 * @param lines its lines
	 * @param total the total once confirmed, else null
	 * @param rejection why it was rejected, absent otherwise
	 * @param createdAt when it was placed
	 * @param updatedAt when it last changed
	 * @param timeline what happened to it, oldest first
	 */
	record OrderDetails(UUID orderId, String customer, String status, List<LineView> lines,
			@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
			@JsonInclude(JsonInclude.Include.NON_NULL) RejectionView rejection, Instant createdAt, Instant updatedAt,
			List<TimelineEntry> timeline) {

		static OrderDetails of(OrderSummary o, List<LineView> lines, List<TimelineEntry> timeline) {
			return new OrderDetails(o.orderId(), o.customer(), o.status(), lines, o.total(), o.rejection(),
					o.createdAt(), o.updatedAt(), timeline);
		}

	}

	/**
	 * @param sku the item
	 * @param quantity units
	 * @param unitPrice the reserved price, null until confirmed
	 */
	record LineView(String sku, int quantity, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice) {
	}

	/**
	 * @param sku the first short line
	 * @param requested units asked for
	 * @param available units there were
	 * @param reason why
	 */
	record RejectionView(String sku, int requested, int available, String reason) {
	}

	/**
	 * @param at when
	 * @param kind what happened
	 * @param detail a few words, or null
	 */
	record TimelineEntry(Instant at, String kind, String detail) {
	}

	/**
	 * @param pending orders waiting for inventory
	 * @param confirmed confirmed orders
	 * @param rejected rejected orders
	 * @param cancelled cancelled orders
	 */
	record Stats(long pending, long confirmed, long rejected, long cancelled) {
	}

	/**
	 * @param items the page's orders
	 * @param page zero-based page
	 * @param size page size
	 * @param total orders over all pages
	 * @param <T> the entry type
	 */
	record Page<T>(List<T> items, int page, int size, long total) {
	}

}
