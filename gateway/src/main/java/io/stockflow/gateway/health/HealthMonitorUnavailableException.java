package io.stockflow.gateway.health;

/**
 * The health monitor cannot be reached: a page says "monitor unreachable", the API
 * answers 503.
 */
public class HealthMonitorUnavailableException extends RuntimeException {

	public HealthMonitorUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
