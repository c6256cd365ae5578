package io.stockflow.orders.order;

/**
 * An order, or an answer about one, that breaks a rule: illegal lines, an illegal
 * transition, a reservation that does not match the order. The message says which.
 */
class OrderRuleViolation extends RuntimeException {

	OrderRuleViolation(String message) {
		super(message);
	}

}
