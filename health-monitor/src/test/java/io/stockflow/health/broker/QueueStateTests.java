package io.stockflow.health.broker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueueStateTests {

	@Test
	void aServiceQueueNeedsConsumersAndCanHaveABacklog() {
		QueueState queue = queue("inventory.reservations", "quorum");

		assertThat(queue.needsConsumers()).isTrue();
		assertThat(queue.canBacklog()).isTrue();
	}

	@Test
	void aStreamKeepsItsLogWithoutConsumersAndThatIsNoBacklog() {
		QueueState stream = queue("catalog.event-log", "stream");

		assertThat(stream.needsConsumers()).isFalse();
		assertThat(stream.canBacklog()).isFalse();
	}

	@Test
	void parkedMessagesAreCountedAsParkedNotAsABacklog() {
		QueueState parking = queue("inventory.reservations.parked", "quorum");

		assertThat(parking.isParking()).isTrue();
		assertThat(parking.canBacklog()).isFalse();
	}

	private static QueueState queue(String name, String type) {
		return new QueueState(name, type, false, false, 0, 5000, 0, 0, 0);
	}

}
