package io.stockflow.inventory.item;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Items and their stock levels in inventory's own database. */
@Repository
class Items {

	private final JdbcClient jdbc;

	Items(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean exists(String sku) {
		return this.jdbc.sql("select exists (select 1 from item where sku = ?)")
			.param(sku)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Stores a new item at version 1 with its stock.
	 * @param item the item
	 * @return the version stored
	 */
	long insert(Item item) {
		ItemDetails d = item.details();
		this.jdbc.sql("""
				insert into item (sku, brand, model, description, price, image_url, version)
				values (?, ?, ?, ?, ?, ?, 1)
				""").params(item.sku(), d.brand(), d.model(), d.description(), d.price(), d.imageUrl()).update();
		item.stock()
			.forEach((location, quantity) -> this.jdbc
				.sql("insert into stock (sku, location, available) values (?, ?, ?)")
				.params(item.sku(), location, quantity)
				.update());
		return 1;
	}

}
