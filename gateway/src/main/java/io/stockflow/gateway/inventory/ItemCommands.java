package io.stockflow.gateway.inventory;

import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.AddItem;
import io.stockflow.contracts.inventory.StockLevel;
import io.stockflow.gateway.command.AdminCommands;
import io.stockflow.messaging.outbox.Outbox;

/**
 * Sends admin item commands to inventory-service. The command is recorded PENDING and put
 * in the outbox in one transaction, so it is neither lost nor sent without a status to
 * follow.
 */
@Service
class ItemCommands {

	private final AdminCommands commands;

	private final Outbox outbox;

	ItemCommands(AdminCommands commands, Outbox outbox) {
		this.commands = commands;
		this.outbox = outbox;
	}

	/**
	 * Sends {@code AddItem}.
	 * @param request the validated request
	 * @param actor the admin
	 * @return the command id
	 */
	@Transactional
	UUID add(AddItemRequest request, Actor actor) {
		AddItem add = new AddItem(request.sku(), request.brand(), request.model(), request.description(),
				request.price(), request.imageUrl(),
				request.stock().stream().map((s) -> new StockLevel(s.location(), s.quantity())).toList(),
				request.lowStockThreshold());
		return send(RoutingKeys.ITEM_ADD, Envelope.first(UUID.randomUUID(), actor, add), request.sku());
	}

	private UUID send(String routingKey, Envelope<?> command, String sku) {
		this.commands.pending(command.messageId(), command.type(), sku, command.actor().username());
		this.outbox.add(Exchanges.COMMANDS, routingKey, command);
		return command.messageId();
	}

}
