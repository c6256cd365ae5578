package io.stockflow.inventory.item;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.ItemUpdated;
import io.stockflow.contracts.inventory.StockChanged;
import io.stockflow.inventory.ledger.StockLedger;
import io.stockflow.inventory.outcome.CommandOutcomes;
import io.stockflow.messaging.outbox.Outbox;

/**
 * The bulk statements of an import: lock the items and stock rows concerned, work out
 * what differs, then write items, stock, ledger and events in batches.
 */
@Component
class ImportBatches {

	private final JdbcTemplate jdbc;

	private final StockLedger ledger;

	private final Outbox outbox;

	ImportBatches(JdbcTemplate jdbc, StockLedger ledger, Outbox outbox) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.outbox = outbox;
	}

	/**
	 * Locks and compares: the plan holds only what differs from the database.
	 * @param cause the import command
	 * @param items the items to import, checked
	 * @return what to write
	 */
	Plan plan(Envelope<?> cause, Map<String, Item> items) {
		String[] skus = items.keySet().toArray(String[]::new);
		Map<String, Items.StoredItem> stored = lockItems(skus);
		Map<String, Map<String, long[]>> levels = lockStock(skus);
		Plan plan = new Plan();
		for (Item item : items.values()) {
			Items.StoredItem current = stored.get(item.sku());
			Map<String, long[]> itemLevels = levels.getOrDefault(item.sku(), Map.of());
			if (current == null) {
				plan.addItem(cause, item);
			}
			else {
				ItemDetails wanted = new ItemDetails(item.details().brand(), item.details().model(),
						item.details().description(), item.details().price(), current.details().imageUrl());
				if (current.removed()) {
					plan.restoreItem(cause, new Item(item.sku(), wanted, item.stock()), current.version() + 1);
				}
				else if (!wanted.equals(current.details())) {
					plan.updateItem(cause, item.sku(), wanted, current.version() + 1);
				}
			}
			item.stock()
				.forEach((location, quantity) -> plan.setStock(cause, item.sku(), location, quantity,
						itemLevels.get(location), current == null));
		}
		return plan;
	}

	/**
	 * Writes the plan in batches.
	 * @param cause the import command
	 * @param plan what differs
	 */
	void execute(Envelope<?> cause, Plan plan) {
		this.jdbc.batchUpdate(
				"""
						insert into item (sku, brand, model, description, price, image_url, version) values (?, ?, ?, ?, ?, ?, ?)
						on conflict (sku) do update set brand = excluded.brand, model = excluded.model,
						    description = excluded.description, price = excluded.price, deleted = false,
						    version = excluded.version, updated_at = now()
						""",
				plan.items, 1000, (ps, row) -> {
					ps.setString(1, row.sku());
					ps.setString(2, row.details().brand());
					ps.setString(3, row.details().model());
					ps.setString(4, row.details().description());
					ps.setBigDecimal(5, row.details().price());
					ps.setString(6, row.details().imageUrl());
					ps.setLong(7, row.version());
				});
		this.jdbc.batchUpdate("""
				insert into stock (sku, location, available, version) values (?, ?, ?, ?)
				on conflict (sku, location) do update set available = excluded.available, version = excluded.version
				""", plan.stock, 1000, (ps, row) -> {
			ps.setString(1, row.sku());
			ps.setString(2, row.location());
			ps.setInt(3, row.available());
			ps.setLong(4, row.version());
		});
		this.ledger.appendAll(plan.ledger);
		this.outbox.addAll(plan.events);
	}

	private Map<String, Items.StoredItem> lockItems(String[] skus) {
		Map<String, Items.StoredItem> stored = new HashMap<>();
		this.jdbc.query("""
				select sku, brand, model, description, price, image_url, version, deleted from item
				where sku = any(?) order by sku for update
				""", (rs) -> {
			stored.put(rs.getString("sku"),
					new Items.StoredItem(rs.getString("sku"),
							new ItemDetails(rs.getString("brand"), rs.getString("model"), rs.getString("description"),
									rs.getBigDecimal("price"), rs.getString("image_url")),
							rs.getLong("version"), rs.getBoolean("deleted")));
		}, (Object) skus);
		return stored;
	}

	private Map<String, Map<String, long[]>> lockStock(String[] skus) {
		Map<String, Map<String, long[]>> levels = new HashMap<>();
		this.jdbc.query("""
				select sku, location, available, version from stock
				where sku = any(?) order by sku, location for update
				""", (rs) -> {
			levels.computeIfAbsent(rs.getString("sku"), (k) -> new HashMap<>())
				.put(rs.getString("location"), new long[] { rs.getInt("available"), rs.getLong("version") });
		}, (Object) skus);
		return levels;
	}

	/** What an import writes: only the differences. */
	static final class Plan {

		final List<ItemRow> items = new ArrayList<>();

		final List<StockRow> stock = new ArrayList<>();

		final List<StockLedger.Entry> ledger = new ArrayList<>();

		final List<Outbox.Outgoing> events = new ArrayList<>();

		private final Set<String> touched = new LinkedHashSet<>();

		void addItem(Envelope<?> cause, Item item) {
			this.items.add(new ItemRow(item.sku(), item.details(), 1));
			announce(cause, RoutingKeys.ITEM_ADDED, ItemManagement.added(item, 1));
			this.touched.add(item.sku());
		}

		/**
		 * A removed item imported again comes back: announced as added, at its next
		 * version.
		 */
		void restoreItem(Envelope<?> cause, Item item, long version) {
			this.items.add(new ItemRow(item.sku(), item.details(), version));
			announce(cause, RoutingKeys.ITEM_ADDED, ItemManagement.added(item, version));
			this.touched.add(item.sku());
		}

		void updateItem(Envelope<?> cause, String sku, ItemDetails details, long version) {
			this.items.add(new ItemRow(sku, details, version));
			announce(cause, RoutingKeys.ITEM_UPDATED, new ItemUpdated(sku, details.brand(), details.model(),
					details.description(), details.price(), details.imageUrl(), version));
			this.touched.add(sku);
		}

		void setStock(Envelope<?> cause, String sku, String location, int quantity, long[] current, boolean newItem) {
			int before = (current != null) ? (int) current[0] : 0;
			if (current != null && before == quantity) {
				return;
			}
			long version = (current != null) ? current[1] + 1 : 1;
			this.stock.add(new StockRow(sku, location, quantity, version));
			this.ledger.add(new StockLedger.Entry(sku, location, StockLedger.Kind.IMPORTED, before, quantity,
					cause.actor().username(), "import", null, cause.messageId()));
			if (!newItem) {
				announce(cause, RoutingKeys.STOCK_CHANGED, new StockChanged(sku, location, quantity, quantity - before,
						StockLedger.Kind.IMPORTED.name(), version, null));
			}
			this.touched.add(sku);
		}

		Set<String> touchedSkus() {
			return this.touched;
		}

		private void announce(Envelope<?> cause, String routingKey, Object event) {
			this.events
				.add(new Outbox.Outgoing(Exchanges.EVENTS, routingKey, cause.causing(CommandOutcomes.SELF, event)));
		}

	}

	record ItemRow(String sku, ItemDetails details, long version) {
	}

	record StockRow(String sku, String location, int available, long version) {
	}

}
