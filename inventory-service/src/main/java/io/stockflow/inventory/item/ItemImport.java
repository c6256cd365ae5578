package io.stockflow.inventory.item;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.inventory.ImportItems;
import io.stockflow.contracts.inventory.ImportedItem;
import io.stockflow.inventory.outcome.CommandOutcomes;
import io.stockflow.inventory.stock.StockAlerts;

/**
 * Applies a CSV import: every item is brought to exactly the state given, in one
 * transaction, with batched statements, so that 10,000 rows take seconds. Only what
 * differs changes (and is in the ledger and announced): importing the same file again
 * changes nothing. A single invalid item rejects the whole command, so nothing is ever
 * partly imported.
 */
@Service
public class ItemImport {

	private final ImportBatches batches;

	private final StockAlerts alerts;

	private final CommandOutcomes outcomes;

	ItemImport(ImportBatches batches, StockAlerts alerts, CommandOutcomes outcomes) {
		this.batches = batches;
		this.alerts = alerts;
		this.outcomes = outcomes;
	}

	/**
	 * Creates or updates every item of the import, or none.
	 * @param command the envelope
	 * @param request the items
	 */
	@Transactional
	public void importItems(Envelope<?> command, ImportItems request) {
		Map<String, ImportedItem> bySku = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		Map<String, Item> items = new LinkedHashMap<>();
		for (ImportedItem imported : request.items()) {
			if (bySku.put(imported.sku(), imported) != null) {
				problems.add(imported.sku() + ": listed twice");
				continue;
			}
			try {
				items.put(imported.sku(),
						Item.create(
								imported.sku(), new ItemDetails(imported.brand(), imported.model(),
										imported.description(), imported.price(), null),
								ItemManagement.levelsOf(imported.stock())));
			}
			catch (ItemRuleViolation ex) {
				problems.add(imported.sku() + ": " + ex.getMessage());
			}
		}
		if (!problems.isEmpty()) {
			this.outcomes.rejected(command, null,
					"nothing imported: " + String.join("; ", problems.subList(0, Math.min(20, problems.size()))));
			return;
		}
		ImportBatches.Plan plan = this.batches.plan(command, items);
		this.batches.execute(command, plan);
		this.alerts.checkAll(command, plan.touchedSkus());
		this.outcomes.applied(command, null);
	}

}
