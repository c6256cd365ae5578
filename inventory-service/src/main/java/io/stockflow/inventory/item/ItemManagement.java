package io.stockflow.inventory.item;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.AddItem;
import io.stockflow.contracts.inventory.ItemAdded;
import io.stockflow.contracts.inventory.StockLevel;
import io.stockflow.contracts.outcome.CommandApplied;
import io.stockflow.contracts.outcome.CommandRejected;
import io.stockflow.inventory.ledger.StockLedger;
import io.stockflow.messaging.outbox.Outbox;

/**
 * Applies item commands. Each command ends in exactly one outcome event, applied or
 * rejected with its reason, written to the outbox in the transaction of the change
 * itself.
 */
@Service
public class ItemManagement {

	static final Actor SELF = Actor.service("inventory-service");

	private final Items items;

	private final StockLedger ledger;

	private final Outbox outbox;

	ItemManagement(Items items, StockLedger ledger, Outbox outbox) {
		this.items = items;
		this.ledger = ledger;
		this.outbox = outbox;
	}

	/**
	 * Adds an item with its initial stock, or rejects the command if the sku exists or a
	 * field breaks a rule. Emits {@code ItemAdded} and {@code CommandApplied}, or
	 * {@code CommandRejected}.
	 * @param command the envelope, for identity and actor
	 * @param add the command
	 */
	@Transactional
	public void add(Envelope<?> command, AddItem add) {
		Item item;
		try {
			item = Item.create(add.sku(),
					new ItemDetails(add.brand(), add.model(), add.description(), add.price(), add.imageUrl()),
					stockOf(add));
		}
		catch (ItemRuleViolation ex) {
			reject(command, add.sku(), ex.getMessage());
			return;
		}
		if (this.items.exists(item.sku())) {
			reject(command, item.sku(), "sku " + item.sku() + " exists");
			return;
		}
		long version = this.items.insert(item);
		item.stock()
			.forEach((location, quantity) -> this.ledger
				.append(new StockLedger.Entry(item.sku(), location, StockLedger.Kind.ITEM_ADDED, 0, quantity,
						command.actor().username(), "item added", null, command.messageId())));
		this.outbox.add(Exchanges.EVENTS, RoutingKeys.ITEM_ADDED, command.causing(SELF, added(item, add, version)));
		this.outbox.add(Exchanges.EVENTS, RoutingKeys.COMMAND_APPLIED,
				command.causing(SELF, new CommandApplied(command.messageId(), command.type(), item.sku())));
	}

	private void reject(Envelope<?> command, String sku, String reason) {
		this.outbox.add(Exchanges.EVENTS, RoutingKeys.COMMAND_REJECTED,
				command.causing(SELF, new CommandRejected(command.messageId(), command.type(), sku, reason)));
	}

	private static Map<String, Integer> stockOf(AddItem add) {
		Map<String, Integer> stock = new LinkedHashMap<>();
		for (StockLevel level : add.stock()) {
			if (stock.put(level.location(), level.quantity()) != null) {
				throw new ItemRuleViolation("stock.location " + level.location() + " is listed twice");
			}
		}
		return stock;
	}

	private static ItemAdded added(Item item, AddItem add, long version) {
		ItemDetails d = item.details();
		return new ItemAdded(item.sku(), d.brand(), d.model(), d.description(), d.price(), d.imageUrl(), add.stock(),
				version);
	}

}
