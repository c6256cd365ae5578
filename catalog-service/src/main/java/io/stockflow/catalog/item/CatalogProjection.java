package io.stockflow.catalog.item;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.stockflow.contracts.inventory.ItemAdded;
import io.stockflow.contracts.inventory.StockLevel;

/**
 * Applies inventory's events to the read model. Every write is guarded by the item
 * version, so a duplicate or late event changes nothing and the model converges to the
 * write side.
 */
@Service
public class CatalogProjection {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	CatalogProjection(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Projects a new item.
	 * @param added the event
	 */
	@Transactional
	public void on(ItemAdded added) {
		int available = added.stock().stream().mapToInt(StockLevel::quantity).sum();
		this.jdbc
			.sql("""
					insert into catalog_item (sku, brand, model, description, price, image_url, available, locations, version)
					values (:sku, :brand, :model, :description, :price, :imageUrl, :available, cast(:locations as jsonb), :version)
					on conflict (sku) do update set brand = excluded.brand, model = excluded.model,
					    description = excluded.description, price = excluded.price, image_url = excluded.image_url,
					    available = excluded.available, locations = excluded.locations, version = excluded.version,
					    deleted = false, updated_at = now()
					where catalog_item.version < excluded.version
					""")
			.param("sku", added.sku())
			.param("brand", added.brand())
			.param("model", added.model())
			.param("description", added.description())
			.param("price", added.price())
			.param("imageUrl", added.imageUrl())
			.param("available", available)
			.param("locations", this.json.writeValueAsString(locations(added)))
			.param("version", added.version())
			.update();
	}

	private static java.util.List<CatalogItem.Location> locations(ItemAdded added) {
		return added.stock().stream().map((s) -> new CatalogItem.Location(s.location(), s.quantity())).toList();
	}

}
