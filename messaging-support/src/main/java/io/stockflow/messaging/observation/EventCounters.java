package io.stockflow.messaging.observation;

import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.StockChanged;
import io.stockflow.contracts.outcome.CommandApplied;
import io.stockflow.contracts.outcome.CommandRejected;
import io.stockflow.messaging.outbox.Outbox.Outgoing;

/**
 * Business counters taken where every effect is announced: the events a committed
 * transaction put in the outbox. Only committed changes count, each once, whichever
 * service makes them: {@code stockflow.reservations{outcome}},
 * {@code stockflow.stock.changes{kind}}, {@code stockflow.stock.alerts{alert}} and
 * {@code stockflow.commands{outcome,type}}.
 */
public class EventCounters {

	private final MeterRegistry meters;

	public EventCounters(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * Counts the messages of a committed transaction.
	 * @param messages what it put in the outbox
	 */
	public void committed(List<Outgoing> messages) {
		for (Outgoing m : messages) {
			count(m);
		}
	}

	private void count(Outgoing m) {
		Object payload = m.envelope().payload();
		switch (m.routingKey()) {
			case RoutingKeys.RESERVATION_RESERVED -> reservation("reserved");
			case RoutingKeys.RESERVATION_REJECTED -> reservation("rejected");
			case RoutingKeys.RESERVATION_RELEASED -> reservation("released");
			case RoutingKeys.STOCK_CHANGED -> counter("stockflow.stock.changes", "Stock level changes by kind", "kind",
					(payload instanceof StockChanged changed) ? lower(changed.kind()) : "unknown")
				.increment();
			case RoutingKeys.STOCK_LOW -> alert("low");
			case RoutingKeys.STOCK_REPLENISHED -> alert("replenished");
			case RoutingKeys.COMMAND_APPLIED ->
				command("applied", (payload instanceof CommandApplied applied) ? applied.commandType() : "unknown");
			case RoutingKeys.COMMAND_REJECTED ->
				command("rejected", (payload instanceof CommandRejected rejected) ? rejected.commandType() : "unknown");
			default -> {
			}
		}
	}

	private void reservation(String outcome) {
		counter("stockflow.reservations", "Reservation outcomes: reserved, rejected, released", "outcome", outcome)
			.increment();
	}

	private void alert(String alert) {
		counter("stockflow.stock.alerts", "Items crossing their low-stock threshold", "alert", alert).increment();
	}

	private void command(String outcome, String type) {
		Counter.builder("stockflow.commands")
			.description("Admin command outcomes")
			.tag("outcome", outcome)
			.tag("type", type)
			.register(this.meters)
			.increment();
	}

	private Counter counter(String name, String description, String tag, String value) {
		return Counter.builder(name).description(description).tag(tag, value).register(this.meters);
	}

	private static String lower(String value) {
		return (value != null) ? value.toLowerCase(Locale.ROOT) : "unknown";
	}

}
