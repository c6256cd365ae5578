package io.stockflow.inventory.item;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An item and its stock per location, as first added. Creation enforces the catalogue's
 * rules (API.md limits); a violation is an {@link ItemRuleViolation} whose message names
 * the field.
 *
 * @param sku the stock keeping unit
 * @param details brand, model, description, price, image
 * @param stock available units per location, in the order given
 */
record Item(String sku, ItemDetails details, Map<String, Integer> stock) {

	private static final Pattern SKU = Pattern.compile("[A-Za-z0-9-]{1,64}");

	private static final Pattern LOCATION = Pattern.compile("[a-z0-9-]{1,32}");

	private static final int MAX_STOCK = 10_000_000;

	Item {
		stock = Collections.unmodifiableMap(new LinkedHashMap<>(stock));
	}

	/**
	 * A new item, checked against every rule.
	 * @param sku the sku
	 * @param details the details
	 * @param stock the initial stock per location
	 * @return the item
	 * @throws ItemRuleViolation naming the first field that breaks a rule
	 */
	static Item create(String sku, ItemDetails details, Map<String, Integer> stock) {
		ItemDetails.require(sku != null && SKU.matcher(sku).matches(), "sku must match [A-Za-z0-9-]{1,64}");
		ItemDetails checked = details.checked();
		stock.forEach((location, quantity) -> {
			ItemDetails.require(location != null && LOCATION.matcher(location).matches(),
					"stock.location must match [a-z0-9-]{1,32}");
			ItemDetails.require(quantity != null && quantity >= 0 && quantity <= MAX_STOCK,
					"stock.quantity must be between 0 and 10000000");
		});
		return new Item(sku, checked, stock);
	}

}
