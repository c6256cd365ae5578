package io.stockflow.gateway.web;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * The errors of one submitted form, by field name, shown next to each field. Collects
 * unreadable numbers while the form is read, then the Bean Validation rules of the
 * request record the API uses too, so a page and the API enforce the same rules.
 */
public final class FormErrors {

	private final Map<String, String> byField = new LinkedHashMap<>();

	/**
	 * @param text a decimal as typed, or blank
	 * @param field the field name for an error
	 * @return the number, or null if blank or unreadable (then an error is noted)
	 */
	public BigDecimal decimal(String text, String field) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(text.trim());
		}
		catch (NumberFormatException ex) {
			this.byField.putIfAbsent(field, "must be a number such as 249.99");
			return null;
		}
	}

	/**
	 * @param text a whole number as typed, or blank
	 * @param field the field name for an error
	 * @return the number, or null if blank or unreadable (then an error is noted)
	 */
	public Integer integer(String text, String field) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(text.trim());
		}
		catch (NumberFormatException ex) {
			this.byField.putIfAbsent(field, "must be a whole number");
			return null;
		}
	}

	/**
	 * Checks a request record; errors already noted for a field are kept.
	 * @param validator the validator
	 * @param request the request
	 * @return this
	 */
	public FormErrors validate(Validator validator, Object request) {
		Set<ConstraintViolation<Object>> violations = validator.validate(request);
		for (ConstraintViolation<Object> violation : violations) {
			this.byField.putIfAbsent(violation.getPropertyPath().toString(), violation.getMessage());
		}
		return this;
	}

	/**
	 * @param field a field name
	 * @param message what is wrong with it
	 */
	public void reject(String field, String message) {
		this.byField.putIfAbsent(field, message);
	}

	public boolean isEmpty() {
		return this.byField.isEmpty();
	}

	/**
	 * @return message by field name, in the order found
	 */
	public Map<String, String> byField() {
		return this.byField;
	}

	/**
	 * @return every error as {@code field: message}, for a toast
	 */
	public String summary() {
		StringBuilder text = new StringBuilder();
		this.byField.forEach((field,
				message) -> text.append((text.length() > 0) ? "; " : "").append(field).append(": ").append(message));
		return text.toString();
	}

}
