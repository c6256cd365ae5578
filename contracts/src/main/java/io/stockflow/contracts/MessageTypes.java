package io.stockflow.contracts;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.stockflow.contracts.health.ServiceDegraded;
import io.stockflow.contracts.health.ServiceDown;
import io.stockflow.contracts.health.ServiceRecovered;
import io.stockflow.contracts.inventory.AddItem;
import io.stockflow.contracts.inventory.ChangeStock;
import io.stockflow.contracts.inventory.ImportItems;
import io.stockflow.contracts.inventory.ItemAdded;
import io.stockflow.contracts.inventory.ItemRemoved;
import io.stockflow.contracts.inventory.ItemUpdated;
import io.stockflow.contracts.inventory.LowStock;
import io.stockflow.contracts.inventory.RemoveItem;
import io.stockflow.contracts.inventory.StockChanged;
import io.stockflow.contracts.inventory.StockReplenished;
import io.stockflow.contracts.inventory.UpdateItem;
import io.stockflow.contracts.order.CancelOrder;
import io.stockflow.contracts.order.OrderStatusChanged;
import io.stockflow.contracts.order.PlaceOrder;
import io.stockflow.contracts.order.ReleaseStock;
import io.stockflow.contracts.order.ReserveStock;
import io.stockflow.contracts.order.StockRejected;
import io.stockflow.contracts.order.StockReleased;
import io.stockflow.contracts.order.StockReserved;
import io.stockflow.contracts.outcome.CommandApplied;
import io.stockflow.contracts.outcome.CommandRejected;

/**
 * The registry of message types: a type name on the wire is the record's simple name. A
 * new message record is added here, with a golden JSON file in the tests.
 */
public final class MessageTypes {

	private static final Map<String, Class<?>> TYPES = Stream
		.of(AddItem.class, UpdateItem.class, RemoveItem.class, ChangeStock.class, ImportItems.class, ItemAdded.class,
				ItemUpdated.class, ItemRemoved.class, StockChanged.class, LowStock.class, StockReplenished.class,
				PlaceOrder.class, CancelOrder.class, ReserveStock.class, ReleaseStock.class, StockReserved.class,
				StockRejected.class, StockReleased.class, OrderStatusChanged.class, CommandApplied.class,
				CommandRejected.class, ServiceDown.class, ServiceRecovered.class, ServiceDegraded.class)
		.collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

	private MessageTypes() {
	}

	/**
	 * The payload class of a type name.
	 * @param name the type name from an envelope
	 * @return the record class, or empty for an unknown type
	 */
	public static Optional<Class<?>> classOf(String name) {
		return Optional.ofNullable(TYPES.get(name));
	}

	/**
	 * The type name of a payload.
	 * @param payload a message record
	 * @return its type name
	 * @throws IllegalArgumentException if the record is not a registered message type
	 */
	public static String nameOf(Object payload) {
		String name = payload.getClass().getSimpleName();
		if (TYPES.get(name) != payload.getClass()) {
			throw new IllegalArgumentException("Not a registered message type: " + payload.getClass().getName());
		}
		return name;
	}

}
