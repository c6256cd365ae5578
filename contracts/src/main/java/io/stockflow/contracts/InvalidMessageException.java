package io.stockflow.contracts;

/**
 * A message that can never be processed as it is: malformed JSON, an unknown type, a
 * missing field. Consumers park it at once rather than retrying.
 */
public class InvalidMessageException extends RuntimeException {

	public InvalidMessageException(String message) {
		super(message);
	}

	public InvalidMessageException(String message, Throwable cause) {
		super(message, cause);
	}

}
