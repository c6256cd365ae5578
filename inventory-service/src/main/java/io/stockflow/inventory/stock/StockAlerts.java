package io.stockflow.inventory.stock;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.LowStock;
import io.stockflow.contracts.inventory.StockReplenished;
import io.stockflow.inventory.InventorySettings;
import io.stockflow.inventory.outcome.CommandOutcomes;

/**
 * Announces when an item's stock over all locations crosses its low-stock threshold: down
 * to it or below ({@code LowStock}), or back above it ({@code StockReplenished}). The
 * item remembers which side it is on, so only a crossing is announced.
 */
@Component
public class StockAlerts {

	private final JdbcClient jdbc;

	private final CommandOutcomes outcomes;

	private final int defaultThreshold;

	StockAlerts(JdbcClient jdbc, CommandOutcomes outcomes, InventorySettings settings) {
		this.jdbc = jdbc;
		this.outcomes = outcomes;
		this.defaultThreshold = settings.lowStockThreshold();
	}

	/**
	 * Compares an item's stock with its threshold after a change.
	 * @param cause the message that changed the stock
	 * @param sku the item
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void check(Envelope<?> cause, String sku) {
		checkAll(cause, List.of(sku));
	}

	/**
	 * Compares the stock of many items with their thresholds in one statement, flips the
	 * ones that crossed, and announces each crossing.
	 * @param cause the message that changed the stock
	 * @param skus the items
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void checkAll(Envelope<?> cause, Collection<String> skus) {
		Map<String, Envelope<?>> causes = new LinkedHashMap<>();
		skus.forEach((sku) -> causes.put(sku, cause));
		checkAll(causes);
	}

	/**
	 * Compares the stock of many items with their thresholds in one statement, flips the
	 * ones that crossed, and announces each crossing as caused by that item's message.
	 * @param causes the items, each with the (last) message that changed its stock
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void checkAll(Map<String, Envelope<?>> causes) {
		if (causes.isEmpty()) {
			return;
		}
		List<Crossing> crossings = this.jdbc.sql("""
				with state as (
				    select i.sku, coalesce(i.low_stock_threshold, ?) as threshold,
				           coalesce(sum(s.available), 0) as available
				    from item i left join stock s on s.sku = i.sku
				    where i.sku = any(?) and not i.deleted
				    group by i.sku, i.low_stock_threshold)
				update item set low_stock = (state.available <= state.threshold)
				from state where item.sku = state.sku and item.low_stock <> (state.available <= state.threshold)
				returning item.sku, state.available, state.threshold, item.low_stock
				""")
			.params(this.defaultThreshold, causes.keySet().toArray(String[]::new))
			.query((rs, row) -> new Crossing(rs.getString("sku"), rs.getInt("available"), rs.getInt("threshold"),
					rs.getBoolean("low_stock")))
			.list();
		for (Crossing c : crossings) {
			Object event = c.low() ? new LowStock(c.sku(), c.available(), c.threshold())
					: new StockReplenished(c.sku(), c.available(), c.threshold());
			this.outcomes.announce(causes.get(c.sku()), c.low() ? RoutingKeys.STOCK_LOW : RoutingKeys.STOCK_REPLENISHED,
					event);
		}
	}

	private record Crossing(String sku, int available, int threshold, boolean low) {
	}

}
