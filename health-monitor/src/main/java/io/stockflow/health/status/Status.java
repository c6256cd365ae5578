package io.stockflow.health.status;

/** A service's status, worst last. */
enum Status {

	UP, DEGRADED, DOWN;

	Status worse(Status other) {
		return (other.ordinal() > ordinal()) ? other : this;
	}

}
