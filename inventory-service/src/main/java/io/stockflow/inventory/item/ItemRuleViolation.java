package io.stockflow.inventory.item;

/** An item command that breaks a catalogue rule; the message names the field. */
class ItemRuleViolation extends RuntimeException {

	ItemRuleViolation(String message) {
		super(message);
	}

}
