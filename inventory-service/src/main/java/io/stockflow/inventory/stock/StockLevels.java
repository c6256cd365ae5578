package io.stockflow.inventory.stock;

import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stock per item and location, each location with its own version. Levels are read with a
 * row lock before they change, so concurrent changes of one location apply one after the
 * other.
 */
@Repository
public class StockLevels {

	private final JdbcClient jdbc;

	StockLevels(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param sku the item
	 * @param location the location
	 * @return the level, locked until the transaction ends; empty if the location has no
	 * stock row
	 */
	public Optional<Level> lock(String sku, String location) {
		return this.jdbc.sql("select available, version from stock where sku = ? and location = ? for update")
			.params(sku, location)
			.query((rs, row) -> new Level(rs.getInt("available"), rs.getLong("version")))
			.optional();
	}

	/**
	 * Writes a level: a new location starts at version 1, an existing one goes one
	 * version up.
	 * @param sku the item
	 * @param location the location
	 * @param available the new level, never below zero
	 * @return the location's version after the change
	 */
	public long write(String sku, String location, int available) {
		return this.jdbc.sql("""
				insert into stock (sku, location, available, version) values (?, ?, ?, 1)
				on conflict (sku, location) do update set available = excluded.available, version = stock.version + 1
				returning version
				""").params(sku, location, available).query(Long.class).single();
	}

	/**
	 * @param sku the item
	 * @param levels the first level of each location, all at version 1
	 */
	public void insertFirst(String sku, Map<String, Integer> levels) {
		levels.forEach((location, available) -> this.jdbc
			.sql("insert into stock (sku, location, available, version) values (?, ?, ?, 1)")
			.params(sku, location, available)
			.update());
	}

	/**
	 * @param sku the item
	 * @return its locations and levels
	 */
	public Map<String, Integer> levels(String sku) {
		return this.jdbc.sql("select location, available from stock where sku = ? order by location")
			.param(sku)
			.query((rs) -> {
				Map<String, Integer> levels = new java.util.LinkedHashMap<>();
				while (rs.next()) {
					levels.put(rs.getString("location"), rs.getInt("available"));
				}
				return levels;
			});
	}

	/**
	 * @param available units at the location
	 * @param version the location's stock version
	 */
	public record Level(int available, long version) {
	}

}
