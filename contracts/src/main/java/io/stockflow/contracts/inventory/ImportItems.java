package io.stockflow.contracts.inventory;

import java.util.List;

/**
 * Command: create or update many items from a CSV import, each to exactly the state given
 * (details, and the stock of each location listed). Admin only. Importing the same rows
 * again changes nothing.
 *
 * @param items the items, each sku once
 */
public record ImportItems(List<ImportedItem> items) {

	public ImportItems {
		items = List.copyOf(items);
	}

}
