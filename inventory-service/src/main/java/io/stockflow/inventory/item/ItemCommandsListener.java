package io.stockflow.inventory.item;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.InvalidMessageException;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.inventory.AddItem;
import io.stockflow.contracts.inventory.ImportItems;
import io.stockflow.contracts.inventory.RemoveItem;
import io.stockflow.contracts.inventory.UpdateItem;
import io.stockflow.messaging.UntrustedMessageException;
import io.stockflow.messaging.inbox.Inbox;

/** Takes item commands off {@value Queues#INVENTORY_ITEM_COMMANDS}, once each. */
@Component
class ItemCommandsListener {

	private final Inbox inbox;

	private final ItemManagement items;

	private final ItemImport imports;

	ItemCommandsListener(Inbox inbox, ItemManagement items, ItemImport imports) {
		this.inbox = inbox;
		this.items = items;
		this.imports = imports;
	}

	/**
	 * Item commands are for admins only: anyone else's is parked, even when genuinely
	 * signed.
	 */
	@RabbitListener(queues = Queues.INVENTORY_ITEM_COMMANDS)
	void on(Envelope<?> message) {
		UntrustedMessageException.requireRole(message, "ADMIN");
		this.inbox.once(Queues.INVENTORY_ITEM_COMMANDS, message, () -> apply(message));
	}

	private void apply(Envelope<?> message) {
		switch (message.payload()) {
			case AddItem add -> this.items.add(message, add);
			case UpdateItem update -> this.items.update(message, update);
			case RemoveItem remove -> this.items.remove(message, remove);
			case ImportItems items -> this.imports.importItems(message, items);
			default -> throw new InvalidMessageException(
					message.type() + " does not belong on " + Queues.INVENTORY_ITEM_COMMANDS);
		}
	}

}
