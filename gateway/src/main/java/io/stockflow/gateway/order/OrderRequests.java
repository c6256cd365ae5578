package io.stockflow.gateway.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.order.CancelOrder;
import io.stockflow.contracts.order.OrderLine;
import io.stockflow.messaging.observation.TraceContexts;
import io.stockflow.messaging.outbox.Outbox;

/**
 * Places and cancels orders by sending commands to order-service. Placing is idempotent
 * per customer and {@code Idempotency-Key}: the key is stored with the order id and a
 * hash of the lines in the transaction that puts {@code PlaceOrder} in the outbox. The
 * orders placed at the same moment share that transaction ({@link PlacementWriter}).
 */
@Service
class OrderRequests {

	private final Outbox outbox;

	private final TraceContexts traces;

	private final PlacementWriter writer;

	OrderRequests(Outbox outbox, TraceContexts traces, PlacementWriter writer) {
		this.outbox = outbox;
		this.traces = traces;
		this.writer = writer;
	}

	/**
	 * Returns once the order request is committed, so a 202 means the order is on its
	 * way.
	 * @param key the customer's idempotency key
	 * @param lines the validated lines
	 * @param actor the customer
	 * @return the order id: a new one, or that of the earlier request with this key and
	 * body
	 * @throws ResponseStatusException 422 if the key was used with another body; 503 if
	 * the request could not be stored in time (the same key may safely be sent again)
	 */
	UUID place(String key, List<OrderLine> lines, Actor actor) {
		Placement placement = new Placement(actor, key, hash(lines), lines, this.traces.carry(), UUID.randomUUID());
		return this.writer.write(placement)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT,
					"This Idempotency-Key was used for another order; use a new key for a new order."));
	}

	/**
	 * @param orderId the order
	 * @param actor its customer or an admin
	 */
	@Transactional
	void cancel(UUID orderId, Actor actor) {
		this.outbox.add(Exchanges.COMMANDS, RoutingKeys.ORDER_CANCEL,
				Envelope.first(UUID.randomUUID(), actor, new CancelOrder(orderId)));
	}

	private static String hash(List<OrderLine> lines) {
		StringBuilder canonical = new StringBuilder();
		lines.forEach((l) -> canonical.append(l.sku()).append('\u0000').append(l.quantity()).append('\n'));
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
