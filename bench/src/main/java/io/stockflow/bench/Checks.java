package io.stockflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * After every run: nothing lost, stuck, oversold or applied twice, and the ledger
 * consistent. Reads order-service's and inventory-service's databases directly (read
 * only) and inventory's ledger check ({@code ./stockflow verify}).
 */
final class Checks {

	private final BenchSettings settings;

	private final Api api;

	Checks(BenchSettings settings, Api api) {
		this.settings = settings;
		this.api = api;
	}

	/**
	 * Checks one run of one-unit orders.
	 * @param outcome the run
	 * @param hotSku the single sku of a flash sale, or null
	 * @param hotStock the units it had before the sale
	 * @return the findings; {@code ok} is true when every check passed
	 */
	Map<String, Object> check(OrderRun.Outcome outcome, String hotSku, long hotStock) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("lost", outcome.lost());
		result.put("stuck", outcome.stuck());
		Map<UUID, String> status = statuses(outcome.accepted());
		Map<UUID, Long> reserved = reservedUnits(outcome.accepted());
		long mismatched = 0;
		for (UUID id : outcome.accepted()) {
			long units = reserved.getOrDefault(id, 0L);
			boolean confirmed = "CONFIRMED".equals(status.get(id));
			if ((confirmed && units != 1) || (!confirmed && units != 0)) {
				mismatched++;
			}
		}
		result.put("reservationMismatches", mismatched);
		boolean ok = outcome.lost() == 0 && outcome.stuck() == 0 && mismatched == 0;
		if (hotSku != null) {
			long level = level(hotSku);
			long confirmed = outcome.confirmed();
			result.put("hotStockBefore", hotStock);
			result.put("hotConfirmed", confirmed);
			result.put("hotLevelAfter", level);
			result.put("oversold", Math.max(0, confirmed - hotStock));
			boolean exact = level == hotStock - confirmed
					&& confirmed == Math.min(hotStock, (long) outcome.accepted().size());
			result.put("levelMatches", exact);
			ok &= exact && confirmed <= hotStock;
		}
		JsonNode ledger = this.api.getJsonAt(this.settings.inventoryUrl() + "/ledger/verify");
		int drift = ledger.get("drift").size();
		result.put("ledgerEntries", ledger.get("ledgerEntries").asLong());
		result.put("ledgerDrift", drift);
		ok &= drift == 0;
		result.put("ok", ok);
		return result;
	}

	private Map<UUID, String> statuses(List<UUID> ids) {
		Map<UUID, String> result = new HashMap<>();
		query(this.settings.orders(), "select id, status from customer_order where id = any(?)", ids,
				(rows) -> result.put(rows.getObject(1, UUID.class), rows.getString(2)));
		return result;
	}

	private Map<UUID, Long> reservedUnits(List<UUID> ids) {
		Map<UUID, Long> result = new HashMap<>();
		query(this.settings.inventory(), """
				select order_id, sum(quantity) from reservation
				where order_id = any(?) and not released group by order_id""", ids,
				(rows) -> result.put(rows.getObject(1, UUID.class), rows.getLong(2)));
		return result;
	}

	private long level(String sku) {
		long[] level = { 0 };
		query(this.settings.inventory(), "select coalesce(sum(available), 0) from stock where sku = any(?)",
				List.of(sku), (rows) -> level[0] = rows.getLong(1));
		return level[0];
	}

	private static void query(BenchSettings.Db db, String sql, List<?> ids, RowHandler handler) {
		if (ids.isEmpty()) {
			return;
		}
		try (Connection connection = DriverManager.getConnection(db.url(), db.username(), db.password());
				PreparedStatement statement = connection.prepareStatement(sql)) {
			boolean uuids = ids.get(0) instanceof UUID;
			statement.setArray(1, connection.createArrayOf(uuids ? "uuid" : "text", ids.toArray()));
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					handler.handle(rows);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("check query failed: " + ex.getMessage(), ex);
		}
	}

	@FunctionalInterface
	private interface RowHandler {

		void handle(ResultSet rows) throws SQLException;

	}

}
