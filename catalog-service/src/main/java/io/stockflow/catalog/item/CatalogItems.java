package io.stockflow.catalog.item;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of the read model: one item, or a filtered page. */
@Repository
class CatalogItems {

	private static final TypeReference<List<CatalogItem.Location>> LOCATIONS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	CatalogItems(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Optional<CatalogItem> find(String sku) {
		return this.jdbc.sql("select * from catalog_item where sku = ? and not deleted")
			.param(sku)
			.query(this::item)
			.optional();
	}

	Page<CatalogItem> search(ItemQuery query) {
		List<String> where = new ArrayList<>(List.of("not deleted"));
		List<Object> params = new ArrayList<>();
		if (query.q() != null && !query.q().isBlank()) {
			where.add("(sku || ' ' || brand || ' ' || model || ' ' || description) ilike ?");
			params.add("%" + query.q().strip() + "%");
		}
		if (query.brand() != null) {
			where.add("brand = ?");
			params.add(query.brand());
		}
		if (query.minPrice() != null) {
			where.add("price >= ?");
			params.add(query.minPrice());
		}
		if (query.maxPrice() != null) {
			where.add("price <= ?");
			params.add(query.maxPrice());
		}
		if (Boolean.TRUE.equals(query.inStock())) {
			where.add("available > 0");
		}
		String filter = " from catalog_item where " + String.join(" and ", where);
		long total = this.jdbc.sql("select count(*)" + filter).params(params).query(Long.class).single();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(query.size());
		pageParams.add((long) query.page() * query.size());
		List<CatalogItem> items = this.jdbc
			.sql("select *" + filter + " order by " + query.orderBy() + " limit ? offset ?")
			.params(pageParams)
			.query(this::item)
			.list();
		return new Page<>(items, query.page(), query.size(), total);
	}

	private CatalogItem item(ResultSet rs, int row) throws SQLException {
		return new CatalogItem(rs.getString("sku"), rs.getString("brand"), rs.getString("model"),
				rs.getString("description"), rs.getBigDecimal("price").toPlainString(), rs.getString("image_url"),
				rs.getInt("available"), this.json.readValue(rs.getString("locations"), LOCATIONS),
				rs.getLong("version"), rs.getTimestamp("updated_at").toInstant());
	}

}
