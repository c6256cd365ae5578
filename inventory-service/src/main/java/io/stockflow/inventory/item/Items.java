package io.stockflow.inventory.item;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Items in inventory's own database; the details carry a version, bumped by every change.
 */
@Repository
class Items {

	private final JdbcClient jdbc;

	Items(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param sku the item
	 * @return the item, locked until the transaction ends; removed items included
	 */
	Optional<StoredItem> lock(String sku) {
		return this.jdbc.sql("""
				select sku, brand, model, description, price, image_url, version, deleted from item
				where sku = ? for update
				""").param(sku).query(Items::stored).optional();
	}

	/**
	 * Stores a new item at version 1 (its stock goes in through the stock levels).
	 * @param item the item
	 * @param lowStockThreshold its own threshold, or null for the default
	 */
	void insert(Item item, Integer lowStockThreshold) {
		ItemDetails d = item.details();
		this.jdbc.sql("""
				insert into item (sku, brand, model, description, price, image_url, version, low_stock_threshold)
				values (?, ?, ?, ?, ?, ?, 1, ?)
				""")
			.params(item.sku(), d.brand(), d.model(), d.description(), d.price(), d.imageUrl(), lowStockThreshold)
			.update();
	}

	/**
	 * @param sku the item
	 * @param details the new details
	 * @param lowStockThreshold the new threshold, or null to keep the current one
	 * @return the version after the change
	 */
	long update(String sku, ItemDetails details, Integer lowStockThreshold) {
		return this.jdbc.sql("""
				update item set brand = ?, model = ?, description = ?, price = ?, image_url = ?,
				    low_stock_threshold = coalesce(?, low_stock_threshold), deleted = false,
				    version = version + 1, updated_at = now()
				where sku = ? returning version
				""")
			.params(details.brand(), details.model(), details.description(), details.price(), details.imageUrl(),
					lowStockThreshold, sku)
			.query(Long.class)
			.single();
	}

	/**
	 * @param sku the item
	 * @return the version after the removal
	 */
	long remove(String sku) {
		return this.jdbc
			.sql("update item set deleted = true, version = version + 1, updated_at = now() "
					+ "where sku = ? returning version")
			.param(sku)
			.query(Long.class)
			.single();
	}

	private static StoredItem stored(ResultSet rs, int row) throws SQLException {
		return new StoredItem(rs.getString("sku"),
				new ItemDetails(rs.getString("brand"), rs.getString("model"), rs.getString("description"),
						rs.getBigDecimal("price"), rs.getString("image_url")),
				rs.getLong("version"), rs.getBoolean("deleted"));
	}

	/**
	 * @param sku the sku
	 * @param details its details
	 * @param version the details' version
	 * @param removed whether it was removed
	 */
	record StoredItem(String sku, ItemDetails details, long version, boolean removed) {
	}

}
