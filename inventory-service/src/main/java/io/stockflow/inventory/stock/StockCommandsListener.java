package io.stockflow.inventory.stock;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.InvalidMessageException;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.inventory.ChangeStock;
import io.stockflow.messaging.UntrustedMessageException;
import io.stockflow.messaging.inbox.Inbox;

/** Takes stock commands off {@value Queues#INVENTORY_STOCK_COMMANDS}, once each. */
@Component
class StockCommandsListener {

	private final Inbox inbox;

	private final StockManagement stock;

	StockCommandsListener(Inbox inbox, StockManagement stock) {
		this.inbox = inbox;
		this.stock = stock;
	}

	/**
	 * Stock commands are for admins only: anyone else's is parked, even when genuinely
	 * signed.
	 */
	@RabbitListener(queues = Queues.INVENTORY_STOCK_COMMANDS)
	void on(Envelope<?> message) {
		UntrustedMessageException.requireRole(message, "ADMIN");
		this.inbox.once(Queues.INVENTORY_STOCK_COMMANDS, message, () -> apply(message));
	}

	private void apply(Envelope<?> message) {
		switch (message.payload()) {
			case ChangeStock change -> this.stock.change(message, change);
			default -> throw new InvalidMessageException(
					message.type() + " does not belong on " + Queues.INVENTORY_STOCK_COMMANDS);
		}
	}

}
