package io.stockflow.health.parked;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A parked-message operation that cannot be done: the message or queue is not there
 * (404), the original queue does not exist (409), or the broker cannot be reached (503).
 */
class ParkedMessageException extends ResponseStatusException {

	ParkedMessageException(HttpStatus status, String reason) {
		super(status, reason);
	}

}
