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

	ItemDetails withScaledPrice() {
		return new ItemDetails(this.brand, this.model, this.description,
				this.price.setScale(2, RoundingMode.UNNECESSARY), this.imageUrl);
	}

}
