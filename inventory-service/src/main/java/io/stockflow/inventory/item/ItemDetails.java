package io.stockflow.inventory.item;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What an admin edits about an item.
 *
 * @param brand the brand
 * @param model the model
 * @param description the description, empty if none
 * @param price the unit price
 * @param imageUrl the image address, or null
 */
record ItemDetails(String brand, String model, String description, BigDecimal price, String imageUrl) {

	ItemDetails {
		description = (description != null) ? description : "";
	}

	private static final BigDecimal MAX_PRICE = new BigDecimal("1000000.00");

	/**
	 * These details, checked against the catalogue's rules, with the price at two
	 * decimals.
	 * @return the checked details
	 * @throws ItemRuleViolation naming the first field that breaks a rule
	 */
	ItemDetails checked() {
		requireText("brand", this.brand, 1, 100);
		requireText("model", this.model, 1, 100);
		requireText("description", this.description, 0, 2000);
		require(this.price != null && this.price.signum() >= 0 && this.price.compareTo(MAX_PRICE) <= 0
				&& this.price.stripTrailingZeros().scale() <= 2,
				"price must be between 0.00 and 1000000.00 with at most two decimals");
		require(this.imageUrl == null || (this.imageUrl.length() <= 2048 && this.imageUrl.matches("https?://\\S+")),
				"imageUrl must be an http(s) address of at most 2048 characters");
		return withScaledPrice();
	}

	static void require(boolean rule, String violation) {
		if (!rule) {
			throw new ItemRuleViolation(violation);
		}
	}

	private static void requireText(String field, String value, int min, int max) {
		int length = (value != null) ? value.length() : 0;
		require(value != null || min == 0, field + " is required");
		require(length >= min && length <= max, field + " must be " + min + " to " + max + " characters");
	}

	ItemDetails withScaledPrice() {
		return new ItemDetails(this.brand, this.model, this.description, this.price.setScale(2, RoundingMode.HALF_UP),
				this.imageUrl);
	}

}
