package io.stockflow.catalog.item;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of the read model: one item row, a filtered page found by full text and by
 * trigram similarity, the brands.
 */
@Repository
class CatalogItems {

	private static final TypeReference<List<CatalogItem.Location>> LOCATIONS = new TypeReference<>() {
	};

	/**
	 * The columns of an {@link ItemRow}: not the search columns, which are large and only
	 * ever used inside queries.
	 */
	static final String ROW_COLUMNS = "sku, brand, model, description, price, image_url, available, locations, "
			+ "version, updated_at, row_version, deleted";

	private static final String ITEM_COLUMNS = "sku, brand, model, description, price, image_url, available, "
			+ "locations, version, updated_at";

	private static final String TSQUERY = "websearch_to_tsquery('simple', ?)";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	CatalogItems(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * @return the row, deleted or not, if the model has one
	 */
	Optional<ItemRow> row(String sku) {
		return this.jdbc.sql("select " + ROW_COLUMNS + " from catalog_item where sku = ?")
			.param(sku)
			.query(this::itemRow)
			.optional();
	}

	/**
	 * Maps a row selected with {@link #ROW_COLUMNS}.
	 */
	ItemRow itemRow(ResultSet rs, int row) throws SQLException {
		return new ItemRow(item(rs, row), rs.getLong("row_version"), rs.getBoolean("deleted"));
	}

	/**
	 * The items of these skus that are on sale, in one query (the gateway refreshes its
	 * near cache with it).
	 * @param skus at most a few hundred skus
	 * @return the found items that are not removed, in no particular order
	 */
	List<CatalogItem> bySku(List<String> skus) {
		return this.jdbc.sql("select " + ITEM_COLUMNS + " from catalog_item where sku = any(?) and not deleted")
			.param(skus.toArray(String[]::new))
			.query(this::item)
			.list();
	}

	/**
	 * One page of the items a query matches, and how many there are over all pages, in
	 * one scan (a window count) unless the page is past the end.
	 */
	@Transactional(readOnly = true)
	Page<CatalogItem> search(ItemQuery query) {
		List<String> where = new ArrayList<>(List.of("not deleted"));
		List<Object> params = new ArrayList<>();
		if (query.q() != null) {
			where.add(matches(query.q(), params));
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
		if (query.q() != null) {
			// pg_trgm's operators are costed like a cheap comparison, though each costs
			// microseconds a row, so the planner prefers a sequential scan that is
			// several
			// times slower than the GIN indexes; and the extension's functions belong to
			// the
			// superuser, so their cost cannot be raised. A search always has an index
			// path.
			this.jdbc.sql("set local enable_seqscan = off").update();
		}
		String filter = " from catalog_item where " + String.join(" and ", where);
		List<Object> pageParams = new ArrayList<>(params);
		String orderBy = query.orderBy();
		if (query.byRelevance()) {
			orderBy = "ts_rank_cd(search, " + TSQUERY + ") + word_similarity(?, names) desc, sku asc";
			Collections.addAll(pageParams, query.q(), query.q());
		}
		Collections.addAll(pageParams, query.size(), (long) query.page() * query.size());
		List<Counted> rows = this.jdbc
			.sql("select " + ITEM_COLUMNS + ", count(*) over () as total" + filter + " order by " + orderBy
					+ " limit ? offset ?")
			.params(pageParams)
			.query((rs, n) -> new Counted(item(rs, n), rs.getLong("total")))
			.list();
		long total = !rows.isEmpty() ? rows.get(0).total()
				: this.jdbc.sql("select count(*)" + filter).params(params).query(Long.class).single();
		return new Page<>(rows.stream().map(Counted::item).toList(), query.page(), query.size(), total);
	}

	List<BrandCount> brands() {
		return this.jdbc
			.sql("select brand, count(*) as count from catalog_item where not deleted group by brand order by brand")
			.query(BrandCount.class)
			.list();
	}

	/**
	 * A full-text match, or every word of the search similar to a word of the item's
	 * names (trigram word similarity, each word also tried with two letters swapped).
	 */
	private static String matches(String q, List<Object> params) {
		params.add(q);
		List<String> words = new ArrayList<>();
		for (List<String> spellings : SearchTerms.of(q)) {
			words.add("(" + String.join(" or ", Collections.nCopies(spellings.size(), "? <% names")) + ")");
			params.addAll(spellings);
		}
		if (words.isEmpty()) {
			return "search @@ " + TSQUERY;
		}
		return "(search @@ " + TSQUERY + " or (" + String.join(" and ", words) + "))";
	}

	private record Counted(CatalogItem item, long total) {
	}

	private CatalogItem item(ResultSet rs, int row) throws SQLException {
		return new CatalogItem(rs.getString("sku"), rs.getString("brand"), rs.getString("model"),
				rs.getString("description"), rs.getBigDecimal("price").toPlainString(), rs.getString("image_url"),
				rs.getInt("available"), this.json.readValue(rs.getString("locations"), LOCATIONS),
				rs.getLong("version"), rs.getTimestamp("updated_at").toInstant());
	}

}
