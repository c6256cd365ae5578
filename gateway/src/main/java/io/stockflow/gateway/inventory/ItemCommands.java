package io.stockflow.gateway.inventory;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.AddItem;
import io.stockflow.contracts.inventory.ChangeStock;
import io.stockflow.contracts.inventory.ImportItems;
import io.stockflow.contracts.inventory.ImportedItem;
import io.stockflow.contracts.inventory.RemoveItem;
import io.stockflow.contracts.inventory.StockLevel;
import io.stockflow.contracts.inventory.UpdateItem;
import io.stockflow.gateway.command.AdminCommands;
import io.stockflow.messaging.outbox.Outbox;

/**
 * Sends admin item commands to inventory-service. The command is recorded PENDING and put
 * in the outbox in one transaction, so it is neither lost nor sent without a status to
 * follow.
 */
@Service
public class ItemCommands {

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
	public UUID add(AddItemRequest request, Actor actor) {
		AddItem add = new AddItem(request.sku(), request.brand(), request.model(), request.description(),
				request.price(), request.imageUrl(),
				request.stock().stream().map((s) -> new StockLevel(s.location(), s.quantity())).toList(),
				request.lowStockThreshold());
		return send(RoutingKeys.ITEM_ADD, Envelope.first(UUID.randomUUID(), actor, add), request.sku());
	}

	/**
	 * Sends {@code UpdateItem}.
	 * @param sku the item
	 * @param request the validated request
	 * @param actor the admin
	 * @return the command id
	 */
	@Transactional
	public UUID update(String sku, UpdateItemRequest request, Actor actor) {
		UpdateItem update = new UpdateItem(sku, request.brand(), request.model(), request.description(),
				request.price(), request.imageUrl(), request.lowStockThreshold(), request.expectedVersion());
		return send(RoutingKeys.ITEM_UPDATE, Envelope.first(UUID.randomUUID(), actor, update), sku);
	}

	/**
	 * Sends {@code RemoveItem}.
	 * @param sku the item
	 * @param actor the admin
	 * @return the command id
	 */
	@Transactional
	public UUID remove(String sku, Actor actor) {
		return send(RoutingKeys.ITEM_REMOVE, Envelope.first(UUID.randomUUID(), actor, new RemoveItem(sku)), sku);
	}

	/**
	 * Sends {@code ChangeStock}.
	 * @param sku the item
	 * @param request the validated request
	 * @param actor the admin
	 * @return the command id
	 */
	@Transactional
	public UUID changeStock(String sku, StockChangeRequest request, Actor actor) {
		ChangeStock change = new ChangeStock(sku, request.location(), request.quantity(), request.delta(),
				request.reasonOrDefault(), request.note());
		return send(RoutingKeys.STOCK_CHANGE, Envelope.first(UUID.randomUUID(), actor, change), sku);
	}

	/**
	 * Sends {@code ImportItems} with the valid rows of an import.
	 * @param items the items, each sku once
	 * @param actor the admin
	 * @return the command id
	 */
	@Transactional
	UUID importItems(List<ImportedItem> items, Actor actor) {
		return send(RoutingKeys.ITEM_IMPORT, Envelope.first(UUID.randomUUID(), actor, new ImportItems(items)), null);
	}

	private UUID send(String routingKey, Envelope<?> command, String sku) {
		this.commands.pending(command.messageId(), command.type(), sku, command.actor().username());
		this.outbox.add(Exchanges.COMMANDS, routingKey, command);
		return command.messageId();
	}

}
