package io.stockflow.gateway.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.order.CancelOrder;
import io.stockflow.contracts.order.OrderLine;
import io.stockflow.contracts.order.PlaceOrder;
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

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final TraceContexts traces;

	private final PlacementWriter writer;

	OrderRequests(JdbcClient jdbc, Outbox outbox, TraceContexts traces, PlacementWriter writer) {
		this.jdbc = jdbc;
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
		String hash = hash(lines);
		TraceContexts.Received trace = this.traces.carry();
		return this.writer.write(() -> {
			UUID[] orderId = new UUID[1];
			trace.inScope(() -> orderId[0] = placeWithin(key, hash, lines, actor));
			return orderId[0];
		});
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

	/** In the transaction of the writer's batch. */
	private UUID placeWithin(String key, String hash, List<OrderLine> lines, Actor actor) {
		UUID orderId = UUID.randomUUID();
		boolean inserted = this.jdbc.sql("""
				insert into order_request (customer, idempotency_key, order_id, request_hash) values (?, ?, ?, ?)
				on conflict (customer, idempotency_key) do nothing
				""").params(actor.username(), key, orderId, hash).update() == 1;
		if (inserted) {
			this.outbox.add(Exchanges.COMMANDS, RoutingKeys.ORDER_PLACE,
					Envelope.first(UUID.randomUUID(), actor, new PlaceOrder(orderId, actor.username(), lines)));
			return orderId;
		}
		Earlier earlier = earlier(actor.username(), key).orElseThrow();
		if (!earlier.hash().equals(hash)) {
			throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT,
					"This Idempotency-Key was used for another order; use a new key for a new order.");
		}
		return earlier.orderId();
	}

	private Optional<Earlier> earlier(String customer, String key) {
		return this.jdbc
			.sql("select order_id, request_hash from order_request where customer = ? and idempotency_key = ?")
			.params(customer, key)
			.query((rs, row) -> new Earlier(rs.getObject("order_id", UUID.class), rs.getString("request_hash")))
			.optional();
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

	private record Earlier(UUID orderId, String hash) {
	}

}
