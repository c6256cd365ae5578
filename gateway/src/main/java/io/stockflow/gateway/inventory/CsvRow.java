package io.stockflow.gateway.inventory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVRecord;

/**
 * One row of an import CSV with the field rules of API.md. A row without location and
 * quantity sets only the item's details.
 *
 * @param sku the sku
 * @param brand the brand
 * @param model the model
 * @param description the description
 * @param price the price, or null if unreadable
 * @param location the location, or null
 * @param quantity the quantity, or null
 * @param unreadable fields whose text could not be read as a number
 */
record CsvRow(String sku, String brand, String model, String description, BigDecimal price, String location,
		Integer quantity, List<String> unreadable) {

	private static final Pattern SKU = Pattern.compile("[A-Za-z0-9-]{1,64}");

	private static final Pattern LOCATION = Pattern.compile("[a-z0-9-]{1,32}");

	private static final BigDecimal MAX_PRICE = new BigDecimal("1000000.00");

	static CsvRow of(CSVRecord record) {
		List<String> unreadable = new ArrayList<>();
		BigDecimal price = null;
		Integer quantity = null;
		try {
			price = new BigDecimal(record.get("price"));
		}
		catch (NumberFormatException ex) {
			unreadable.add("price: not a number");
		}
		String quantityText = record.get("quantity");
		if (!quantityText.isEmpty()) {
			try {
				quantity = Integer.valueOf(quantityText);
			}
			catch (NumberFormatException ex) {
				unreadable.add("quantity: not a whole number");
			}
		}
		String location = record.get("location");
		return new CsvRow(record.get("sku"), record.get("brand"), record.get("model"), record.get("description"), price,
				location.isEmpty() ? null : location, quantity, unreadable);
	}

	/**
	 * @return every rule the row breaks, each naming its field; empty if none
	 */
	List<String> errors() {
		List<String> errors = new ArrayList<>(this.unreadable);
		check(errors, SKU.matcher(this.sku).matches(), "sku: must match [A-Za-z0-9-]{1,64}");
		check(errors, !this.brand.isEmpty() && this.brand.length() <= 100, "brand: 1 to 100 characters");
		check(errors, !this.model.isEmpty() && this.model.length() <= 100, "model: 1 to 100 characters");
		check(errors, this.description.length() <= 2000, "description: at most 2000 characters");
		if (this.price != null) {
			check(errors,
					this.price.signum() >= 0 && this.price.compareTo(MAX_PRICE) <= 0
							&& this.price.stripTrailingZeros().scale() <= 2,
					"price: 0.00 to 1000000.00, two decimals at most");
		}
		check(errors,
				(this.location == null) == (this.quantity == null
						&& !this.unreadable.contains("quantity: not a whole number")),
				"location and quantity: give both or neither");
		if (this.location != null) {
			check(errors, LOCATION.matcher(this.location).matches(), "location: must match [a-z0-9-]{1,32}");
		}
		if (this.quantity != null) {
			check(errors, this.quantity >= 0 && this.quantity <= 10_000_000, "quantity: 0 to 10000000");
		}
		return errors;
	}

	boolean sameDetails(CsvRow other) {
		return this.brand.equals(other.brand) && this.model.equals(other.model)
				&& this.description.equals(other.description) && Objects.equals(this.price, other.price)
				|| (this.price != null && other.price != null && this.price.compareTo(other.price) == 0
						&& this.brand.equals(other.brand) && this.model.equals(other.model)
						&& this.description.equals(other.description));
	}

	private static void check(List<String> errors, boolean rule, String error) {
		if (!rule) {
			errors.add(error);
		}
	}

}
