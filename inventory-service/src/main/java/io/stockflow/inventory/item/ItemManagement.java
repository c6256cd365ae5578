package io.stockflow.inventory.item;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.AddItem;
import io.stockflow.contracts.inventory.ItemAdded;
import io.stockflow.contracts.inventory.ItemRemoved;
import io.stockflow.contracts.inventory.ItemUpdated;
import io.stockflow.contracts.inventory.RemoveItem;
import io.stockflow.contracts.inventory.StockLevel;
import io.stockflow.contracts.inventory.UpdateItem;
import io.stockflow.inventory.ledger.StockLedger;
import io.stockflow.inventory.outcome.CommandOutcomes;
import io.stockflow.inventory.stock.StockAlerts;
import io.stockflow.inventory.stock.StockLevels;

/**
 * Applies item commands: add, edit details (optimistically, against the version the admin
 * edited), remove. Each command ends in exactly one outcome event, written to the outbox
 * in the transaction of the change itself.
 */
@Service
public class ItemManagement {

	private final Items items;

	private final StockLevels stock;

	private final StockLedger ledger;

	private final StockAlerts alerts;

	private final CommandOutcomes outcomes;

	ItemManagement(Items items, StockLevels stock, StockLedger ledger, StockAlerts alerts, CommandOutcomes outcomes) {
		this.items = items;
		this.stock = stock;
		this.ledger = ledger;
		this.alerts = alerts;
		this.outcomes = outcomes;
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
					levelsOf(add.stock()));
		}
		catch (ItemRuleViolation ex) {
			this.outcomes.rejected(command, add.sku(), ex.getMessage());
			return;
		}
		if (this.items.lock(item.sku()).isPresent()) {
			this.outcomes.rejected(command, item.sku(), "sku " + item.sku() + " exists");
			return;
		}
		this.items.insert(item, add.lowStockThreshold());
		this.stock.insertFirst(item.sku(), item.stock());
		item.stock()
			.forEach((location, quantity) -> this.ledger
				.append(new StockLedger.Entry(item.sku(), location, StockLedger.Kind.ITEM_ADDED, 0, quantity,
						command.actor().username(), "item added", null, command.messageId())));
		this.outcomes.announce(command, RoutingKeys.ITEM_ADDED, added(item, 1));
		this.alerts.check(command, item.sku());
		this.outcomes.applied(command, item.sku());
	}

	/**
	 * Changes an item's details, or rejects the command: unknown or removed item, a
	 * broken rule, or a stale {@code expectedVersion} (someone edited the item
	 * meanwhile).
	 * @param command the envelope
	 * @param update the command
	 */
	@Transactional
	public void update(Envelope<?> command, UpdateItem update) {
		Optional<Items.StoredItem> current = this.items.lock(update.sku());
		String problem = problemWith(current, update);
		if (problem != null) {
			this.outcomes.rejected(command, update.sku(), problem);
			return;
		}
		ItemDetails details;
		try {
			details = new ItemDetails(update.brand(), update.model(), update.description(), update.price(),
					update.imageUrl())
				.checked();
			ItemDetails.require(update.lowStockThreshold() == null || update.lowStockThreshold() >= 0,
					"lowStockThreshold must not be negative");
		}
		catch (ItemRuleViolation ex) {
			this.outcomes.rejected(command, update.sku(), ex.getMessage());
			return;
		}
		long version = this.items.update(update.sku(), details, update.lowStockThreshold());
		this.outcomes.announce(command, RoutingKeys.ITEM_UPDATED, new ItemUpdated(update.sku(), details.brand(),
				details.model(), details.description(), details.price(), details.imageUrl(), version));
		this.alerts.check(command, update.sku());
		this.outcomes.applied(command, update.sku());
	}

	/**
	 * Removes an item from the catalogue; its stock and ledger stay for the record.
	 * @param command the envelope
	 * @param remove the command
	 */
	@Transactional
	public void remove(Envelope<?> command, RemoveItem remove) {
		Optional<Items.StoredItem> current = this.items.lock(remove.sku());
		if (current.isEmpty() || current.get().removed()) {
			this.outcomes.rejected(command, remove.sku(),
					current.isEmpty() ? "no item " + remove.sku() : "item " + remove.sku() + " was removed already");
			return;
		}
		long version = this.items.remove(remove.sku());
		this.stock.levels(remove.sku())
			.forEach((location, level) -> this.ledger
				.append(new StockLedger.Entry(remove.sku(), location, StockLedger.Kind.ITEM_REMOVED, level, level,
						command.actor().username(), "item removed", null, command.messageId())));
		this.outcomes.announce(command, RoutingKeys.ITEM_REMOVED, new ItemRemoved(remove.sku(), version));
		this.outcomes.applied(command, remove.sku());
	}

	private static String problemWith(Optional<Items.StoredItem> current, UpdateItem update) {
		if (current.isEmpty()) {
			return "no item " + update.sku();
		}
		if (current.get().removed()) {
			return "item " + update.sku() + " was removed";
		}
		if (update.expectedVersion() != null && update.expectedVersion() != current.get().version()) {
			return "item " + update.sku() + " is at version " + current.get().version() + ", not "
					+ update.expectedVersion() + ": it was changed meanwhile; reload and edit again";
		}
		return null;
	}

	/**
	 * The levels of a command's stock list, in the order given.
	 * @param levels the stock list of an add or an import
	 * @return quantity per location
	 * @throws ItemRuleViolation if a location is listed twice
	 */
	static Map<String, Integer> levelsOf(List<StockLevel> levels) {
		Map<String, Integer> stock = new LinkedHashMap<>();
		for (StockLevel level : levels) {
			if (stock.put(level.location(), level.quantity()) != null) {
				throw new ItemRuleViolation("stock.location " + level.location() + " is listed twice");
			}
		}
		return stock;
	}

	static ItemAdded added(Item item, long version) {
		ItemDetails d = item.details();
		return new ItemAdded(item.sku(), d.brand(), d.model(), d.description(), d.price(), d.imageUrl(),
				item.stock().entrySet().stream().map((e) -> new StockLevel(e.getKey(), e.getValue())).toList(),
				version);
	}

}
