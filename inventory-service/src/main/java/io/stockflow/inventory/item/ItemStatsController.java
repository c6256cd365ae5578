package io.stockflow.inventory.item;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /items/stats}: item counts for the admin dashboard, one cheap query. */
@RestController
class ItemStatsController {

	private final JdbcClient jdbc;

	ItemStatsController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping("/items/stats")
	ItemStats stats() {
		return this.jdbc
			.sql("""
					select count(*) as count,
					       count(*) filter (where coalesce(s.available, 0) = 0) as out_of_stock,
					       count(*) filter (where i.low_stock) as low_stock
					from item i left join (select sku, sum(available) as available from stock group by sku) s on s.sku = i.sku
					where not i.deleted
					""")
			.query((rs, row) -> new ItemStats(rs.getLong("count"), rs.getLong("out_of_stock"), rs.getLong("low_stock")))
			.single();
	}

	/**
	 * @param count items on sale
	 * @param outOfStock items with no unit anywhere
	 * @param lowStock items at or below their low-stock threshold
	 */
	record ItemStats(long count, long outOfStock, long lowStock) {
	}

}
