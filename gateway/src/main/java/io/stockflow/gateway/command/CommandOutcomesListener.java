package io.stockflow.gateway.command;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.InvalidMessageException;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.outcome.CommandApplied;
import io.stockflow.contracts.outcome.CommandRejected;
import io.stockflow.messaging.inbox.Inbox;

/**
 * Settles admin commands from the outcome events on
 * {@value Queues#GATEWAY_COMMAND_OUTCOMES}.
 */
@Component
class CommandOutcomesListener {

	private final Inbox inbox;

	private final AdminCommands commands;

	CommandOutcomesListener(Inbox inbox, AdminCommands commands) {
		this.inbox = inbox;
		this.commands = commands;
	}

	@RabbitListener(queues = Queues.GATEWAY_COMMAND_OUTCOMES)
	void on(Envelope<?> message) {
		this.inbox.once(Queues.GATEWAY_COMMAND_OUTCOMES, message, () -> apply(message));
	}

	private void apply(Envelope<?> message) {
		switch (message.payload()) {
			case CommandApplied applied ->
				this.commands.settle(applied.commandId(), CommandStatus.Status.APPLIED, null);
			case CommandRejected rejected ->
				this.commands.settle(rejected.commandId(), CommandStatus.Status.REJECTED, rejected.reason());
			default -> throw new InvalidMessageException(
					message.type() + " does not belong on " + Queues.GATEWAY_COMMAND_OUTCOMES);
		}
	}

}
