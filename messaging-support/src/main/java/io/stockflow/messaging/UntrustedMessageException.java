package io.stockflow.messaging;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.InvalidMessageException;

/**
 * A message that must not be acted upon: unsigned, tampered with, or sent on behalf of
 * someone without the role it needs. It is parked with this reason, never retried.
 */
public class UntrustedMessageException extends InvalidMessageException {

	public UntrustedMessageException(String message) {
		super(message);
	}

	/**
	 * Requires the message's actor to have a role.
	 * @param message the message
	 * @param role the role its type needs, such as {@code ADMIN}
	 * @throws UntrustedMessageException if the actor lacks it
	 */
	public static void requireRole(Envelope<?> message, String role) {
		if (!message.actor().hasRole(role)) {
			throw new UntrustedMessageException(
					"actor " + message.actor().username() + " lacks role " + role + " required for " + message.type());
		}
	}

}
