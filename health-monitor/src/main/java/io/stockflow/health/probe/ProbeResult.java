package io.stockflow.health.probe;

import java.time.Instant;

/**
 * What the HTTP view knows of one service.
 *
 * @param service the service
 * @param checkedAt when it was last asked
 * @param answered true if its last check got a health answer (UP or not)
 * @param up true if that answer was UP
 * @param failures failed checks in a row (no answer, or no health document)
 * @param detail the components that are not UP, or why the check failed; null when UP
 */
public record ProbeResult(String service, Instant checkedAt, boolean answered, boolean up, int failures,
		String detail) {

	static ProbeResult answer(String service, Instant at, boolean up, String detail) {
		return new ProbeResult(service, at, true, up, 0, detail);
	}

	ProbeResult failed(Instant at, String why) {
		return new ProbeResult(this.service, at, false, false, this.failures + 1, why);
	}

}
