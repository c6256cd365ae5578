package io.stockflow.inventory.item;

import java.math.BigDecimal;
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

	private static final BigDecimal MAX_PRICE = new BigDecimal("1000000.00");

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
		require(sku != null && SKU.matcher(sku).matches(), "sku must match [A-Za-z0-9-]{1,64}");
		requireText("brand", details.brand(), 1, 100);
		requireText("model", details.model(), 1, 100);
		requireText("description", details.description(), 0, 2000);
		BigDecimal price = details.price();
		require(price != null && price.signum() >= 0 && price.compareTo(MAX_PRICE) <= 0 && price.scale() <= 2,
				"price must be between 0.00 and 1000000.00 with at most two decimals");
		stock.forEach((location, quantity) -> {
			require(location != null && LOCATION.matcher(location).matches(),
					"stock.location must match [a-z0-9-]{1,32}");
			require(quantity != null && quantity >= 0 && quantity <= MAX_STOCK,
					"stock.quantity must be between 0 and 10000000");
		});
		return new Item(sku, details.withScaledPrice(), stock);
	}

	private static void requireText(String field, String value, int min, int max) {
		int length = (value != null) ? value.length() : 0;
		require(value != null || min == 0, field + " is required");
		require(length >= min && length <= max, field + " must be " + min + " to " + max + " characters");
	}

	private static void require(boolean rule, String violation) {
		if (!rule) {
			throw new ItemRuleViolation(violation);
		}
	}

}
