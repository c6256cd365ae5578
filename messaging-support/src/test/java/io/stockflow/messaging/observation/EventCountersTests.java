package io.stockflow.messaging.observation;

import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.LowStock;
import io.stockflow.contracts.inventory.StockChanged;
import io.stockflow.contracts.order.StockRejected;
import io.stockflow.contracts.order.StockReleased;
import io.stockflow.contracts.outcome.CommandApplied;
import io.stockflow.messaging.outbox.Outbox.Outgoing;

import static org.assertj.core.api.Assertions.assertThat;

/** Business counters from the events of committed transactions. */
class EventCountersTests {

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final EventCounters counters = new EventCounters(this.meters);

	@Test
	void countsReservationsStockChangesAlertsAndCommandOutcomes() {
		UUID order = UUID.randomUUID();

		this.counters.committed(List.of(event(RoutingKeys.RESERVATION_REJECTED,
				new StockRejected(order, "SKU-1", 5, 2, "only 2 of SKU-1 available"))));
		this.counters.committed(List.of(event(RoutingKeys.RESERVATION_RELEASED, new StockReleased(order, 3)),
				event(RoutingKeys.STOCK_LOW, new LowStock("SKU-1", 2, 5)),
				event(RoutingKeys.COMMAND_APPLIED, new CommandApplied(UUID.randomUUID(), "ChangeStock", "SKU-1"))));

		assertThat(count("stockflow.reservations", "outcome", "rejected")).isEqualTo(1);
		assertThat(count("stockflow.reservations", "outcome", "released")).isEqualTo(1);
		assertThat(count("stockflow.stock.alerts", "alert", "low")).isEqualTo(1);
		assertThat(this.meters.get("stockflow.commands")
			.tag("outcome", "applied")
			.tag("type", "ChangeStock")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void countsStockChangesByKind() {
		StockChanged changed = new StockChanged("SKU-1", "blr-1", 8, -2, "RESERVED", 3, null);

		this.counters.committed(List.of(event(RoutingKeys.STOCK_CHANGED, changed)));

		assertThat(count("stockflow.stock.changes", "kind", "reserved")).isEqualTo(1);
	}

	private double count(String name, String tag, String value) {
		return this.meters.get(name).tag(tag, value).counter().count();
	}

	private static Outgoing event(String routingKey, Object payload) {
		return new Outgoing(Exchanges.EVENTS, routingKey,
				Envelope.first(UUID.randomUUID(), Actor.service("inventory-service"), payload));
	}

}
