package io.stockflow.orders.order;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.InvalidMessageException;
import io.stockflow.contracts.order.CancelOrder;
import io.stockflow.contracts.order.PlaceOrder;
import io.stockflow.contracts.order.StockRejected;
import io.stockflow.contracts.order.StockReleased;
import io.stockflow.contracts.order.StockReserved;
import io.stockflow.messaging.UntrustedMessageException;

/**
 * The order saga's steps. Each runs in the transaction of the inbox entry of the message
 * that caused it, writes the order, its timeline and the messages it sends (outbox)
 * together, and is idempotent: the same fact twice changes nothing the second time.
 */
@Service
public class OrderManagement {

	private static final Logger log = LoggerFactory.getLogger(OrderManagement.class);

	private final Orders orders;

	private final OrderMessages messages;

	private final OrderMetrics metrics;

	OrderManagement(Orders orders, OrderMessages messages, OrderMetrics metrics) {
		this.orders = orders;
		this.messages = messages;
		this.metrics = metrics;
	}

	/**
	 * Locks and reads, in id order, the orders a batch of messages is about; each message
	 * then finds its order in memory.
	 * @param batch the messages
	 * @param orderIdOf a message's order, or null (such a message fails on its own)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void lockAll(List<Envelope<?>> batch, Function<Envelope<?>, UUID> orderIdOf) {
		this.orders
			.lockAll(batch.stream().map(orderIdOf).filter(Objects::nonNull).distinct().map(OrderId::new).toList());
	}

	/**
	 * Records a new order PENDING and asks inventory-service to reserve it; its status is
	 * announced from its first change on. The same order id again (the gateway resending)
	 * changes nothing.
	 * @param command the envelope; its actor must be the customer or an admin
	 * @param place the command
	 * @throws UntrustedMessageException if the actor may not order for the customer
	 * @throws InvalidMessageException if the order breaks a rule (parked, not retried)
	 */
	@Transactional
	public void place(Envelope<?> command, PlaceOrder place) {
		requireCustomerOrAdmin(command, place.customer(), "place an order for");
		Order order;
		try {
			order = Order.place(orderId(place.orderId()), place.customer(),
					place.lines().stream().map((line) -> Line.requested(line.sku(), line.quantity())).toList(),
					Instant.now());
		}
		catch (OrderRuleViolation ex) {
			throw new InvalidMessageException("order " + place.orderId() + ": " + ex.getMessage());
		}
		if (!this.orders.insert(order)) {
			log.info("Order {} exists; PlaceOrder {} changes nothing", order.id(), command.messageId());
			return;
		}
		this.orders.record(order.id(), "placed", order.lines().size() + " line(s) by " + command.actor().username(),
				"reservation-requested", null);
		// no OrderStatusChanged: the gateway answered PENDING itself, and a status stream
		// opens with the order's current status
		this.messages.reserveStock(command, order);
		this.metrics.placed();
	}

	/**
	 * Inventory reserved the order: it is confirmed at the reserved prices. If it was
	 * cancelled (or rejected) meanwhile, the stock goes back instead (compensation).
	 * @param event the envelope
	 * @param reserved the event
	 */
	@Transactional
	public void on(Envelope<?> event, StockReserved reserved) {
		Order order = existing(reserved.orderId(), event);
		if (order.refusesStock()) {
			this.orders.record(order.id(), "reserved", "after the order was " + order.status());
			release(event, order);
			return;
		}
		boolean wasPending = order.status() == OrderStatus.PENDING;
		try {
			if (!order.confirm(reservedLines(reserved))) {
				return;
			}
		}
		catch (OrderRuleViolation ex) {
			throw new InvalidMessageException(ex.getMessage());
		}
		this.orders.save(order);
		this.orders.record(order.id(), "reserved", null, "confirmed", "total " + order.total().toPlainString());
		this.messages.statusChanged(event, order);
		this.metrics.moved(order, wasPending);
	}

	/**
	 * Inventory could not reserve the order: it is rejected with the first short line.
	 * For an order that is no longer pending this changes nothing.
	 * @param event the envelope
	 * @param rejected the event
	 */
	@Transactional
	public void on(Envelope<?> event, StockRejected rejected) {
		Order order = existing(rejected.orderId(), event);
		if (order.status() != OrderStatus.PENDING) {
			log.info("Order {} is {}; StockRejected {} changes nothing", order.id(), order.status(), event.messageId());
			return;
		}
		order.reject(new Rejection(rejected.sku(), rejected.requested(), rejected.available(), rejected.reason()));
		this.orders.save(order);
		this.orders.record(order.id(), "rejected", rejected.reason());
		this.messages.statusChanged(event, order);
		this.metrics.moved(order, true);
	}

	/**
	 * Cancels a pending or confirmed order; a confirmed one's stock is released now, a
	 * pending one's when its reservation arrives. Any other order is left as it is.
	 * @param command the envelope; its actor must be the order's customer or an admin
	 * @param cancel the command
	 * @throws UntrustedMessageException if the actor may not cancel the order
	 */
	@Transactional
	public void cancel(Envelope<?> command, CancelOrder cancel) {
		// a cancel can overtake its order only by a redelivery of the PlaceOrder:
		// retried, then parked
		Order order = this.orders.lock(orderId(cancel.orderId()))
			.orElseThrow(() -> new IllegalStateException("no order " + cancel.orderId() + " to cancel (yet)"));
		requireCustomerOrAdmin(command, order.customer(), "cancel an order of");
		this.orders.record(order.id(), "cancel-requested", "by " + command.actor().username());
		if (!order.isCancellable()) {
			this.orders.record(order.id(), "cancel-ignored", "the order is " + order.status());
			return;
		}
		boolean wasPending = order.status() == OrderStatus.PENDING;
		Order.Cancellation cancellation = order.cancel();
		this.orders.save(order);
		this.orders.record(order.id(), "cancelled", wasPending ? "before its reservation" : null);
		if (cancellation == Order.Cancellation.RELEASE_STOCK) {
			release(command, order);
		}
		this.messages.statusChanged(command, order);
		this.metrics.moved(order, wasPending);
	}

	/**
	 * Inventory gave an order's stock back: recorded on the timeline.
	 * @param event the envelope
	 * @param released the event
	 */
	@Transactional
	public void on(Envelope<?> event, StockReleased released) {
		Order order = existing(released.orderId(), event);
		this.orders.record(order.id(), "released", released.units() + " unit(s)");
	}

	private void release(Envelope<?> cause, Order order) {
		this.messages.releaseStock(cause, order);
		this.orders.record(order.id(), "release-requested", null);
	}

	private Order existing(UUID id, Envelope<?> message) {
		return this.orders.lock(orderId(id))
			.orElseThrow(() -> new InvalidMessageException(message.type() + " for unknown order " + id));
	}

	private static OrderId orderId(UUID id) {
		if (id == null) {
			throw new InvalidMessageException("orderId is missing");
		}
		return new OrderId(id);
	}

	private static List<Line> reservedLines(StockReserved reserved) {
		return reserved.lines()
			.stream()
			.map((line) -> new Line(line.sku(), line.quantity(), line.unitPrice(),
					line.allocations().stream().map((a) -> new Allocation(a.location(), a.quantity())).toList()))
			.toList();
	}

	private static void requireCustomerOrAdmin(Envelope<?> message, String customer, String action) {
		if (!message.actor().username().equals(customer) && !message.actor().hasRole("ADMIN")) {
			throw new UntrustedMessageException(
					"actor " + message.actor().username() + " may not " + action + " customer " + customer);
		}
	}

}
