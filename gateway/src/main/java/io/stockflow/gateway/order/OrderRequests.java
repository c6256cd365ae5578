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
import io.stockflow.messaging.outbox.Outbox;

/**
 * Places and cancels orders by sending commands to order-service. Placing is idempotent
 * per customer and {@code Idempotency-Key}: the key is stored with the order id and a
 * hash of the lines in the transaction that puts {@code PlaceOrder} in the outbox.
 */
@Service
class OrderRequests {

	private final JdbcClient jdbc;

	private final Outbox outbox;

	OrderRequests(JdbcClient jdbc, Outbox outbox) {
		this.jdbc = jdbc;
		this.outbox = outbox;
	}

	/**
	 * @param key the customer's idempotency key
	 * @param lines the validated lines
	 * @param actor the customer
	 * @return the order id: a new one, or that of the earlier request with this key and
	 * body
	 * @throws ResponseStatusException 422 if the key was used with another body
	 */
	@Transactional
	UUID place(String key, List<OrderLine> lines, Actor actor) {
		String hash = hash(lines);
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

	/**
	 * @param orderId the order
	 * @param actor its customer or an admin
	 */
	@Transactional
	void cancel(UUID orderId, Actor actor) {
		this.outbox.add(Exchanges.COMMANDS, RoutingKeys.ORDER_CANCEL,
				Envelope.first(UUID.randomUUID(), actor, new CancelOrder(orderId)));
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
