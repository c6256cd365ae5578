package io.stockflow.inventory.outcome;

import org.springframework.stereotype.Component;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.outcome.CommandApplied;
import io.stockflow.contracts.outcome.CommandRejected;
import io.stockflow.messaging.outbox.Outbox;

/**
 * Every admin command ends in exactly one outcome event, written to the outbox in the
 * transaction of the command's changes (or of nothing, for a rejection).
 */
@Component
public class CommandOutcomes {

	/** inventory-service acting on its own behalf. */
	public static final Actor SELF = Actor.service("inventory-service");

	private final Outbox outbox;

	CommandOutcomes(Outbox outbox) {
		this.outbox = outbox;
	}

	/**
	 * @param command the command that took effect
	 * @param sku the item concerned, or null for a bulk command
	 */
	public void applied(Envelope<?> command, String sku) {
		this.outbox.add(Exchanges.EVENTS, RoutingKeys.COMMAND_APPLIED,
				command.causing(SELF, new CommandApplied(command.messageId(), command.type(), sku)));
	}

	/**
	 * @param command the command that changed nothing
	 * @param sku the item concerned
	 * @param reason why, for the admin who sent it
	 */
	public void rejected(Envelope<?> command, String sku, String reason) {
		this.outbox.add(Exchanges.EVENTS, RoutingKeys.COMMAND_REJECTED,
				command.causing(SELF, new CommandRejected(command.messageId(), command.type(), sku, reason)));
	}

	/**
	 * Announces an event caused by a command.
	 * @param cause the command (or message) that caused it
	 * @param routingKey the event's routing key
	 * @param event the event record
	 */
	public void announce(Envelope<?> cause, String routingKey, Object event) {
		this.outbox.add(Exchanges.EVENTS, routingKey, cause.causing(SELF, event));
	}

}
