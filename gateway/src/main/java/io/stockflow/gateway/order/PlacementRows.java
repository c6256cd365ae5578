package io.stockflow.gateway.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.order.PlaceOrder;
import io.stockflow.messaging.outbox.Outbox;

/**
 * The rows of a batch of placements, written with one statement for the whole batch
 * rather than one per placement (the writer's single thread would otherwise wait for a
 * round trip per order): the new keys' {@code order_request} rows, and a
 * {@code PlaceOrder} outbox row for each new order. A key that was there already, stored
 * earlier or by an earlier placement of the same batch, is answered from its row.
 */
@Component
class PlacementRows {

	private final JdbcClient jdbc;

	private final Outbox outbox;

	PlacementRows(JdbcClient jdbc, Outbox outbox) {
		this.jdbc = jdbc;
		this.outbox = outbox;
	}

	/**
	 * Stores the batch in the current transaction.
	 * @param batch the placements, in arrival order
	 * @return for each placement, in the same order: the order id (its own, or that of
	 * the earlier request with its key and lines), or empty when its key was used with
	 * other lines
	 */
	List<Optional<UUID>> store(List<Placement> batch) {
		Set<UUID> inserted = insertNewKeys(batch);
		Map<String, Earlier> earlier = (inserted.size() < batch.size()) ? earlier(batch) : Map.of();
		List<Optional<UUID>> orderIds = new ArrayList<>(batch.size());
		for (Placement placement : batch) {
			if (inserted.contains(placement.orderId())) {
				placement.trace()
					.inScope(() -> this.outbox.add(Exchanges.COMMANDS, RoutingKeys.ORDER_PLACE,
							Envelope.first(UUID.randomUUID(), placement.actor(),
									new PlaceOrder(placement.orderId(), placement.customer(), placement.lines()))));
				orderIds.add(Optional.of(placement.orderId()));
			}
			else {
				Earlier before = earlier.get(rowKey(placement.customer(), placement.key()));
				if (before == null) {
					throw new IllegalStateException("the key of order " + placement.orderId()
							+ " was neither stored nor found (its row removed meanwhile?)");
				}
				orderIds.add(before.hash().equals(placement.hash()) ? Optional.of(before.orderId()) : Optional.empty());
			}
		}
		return orderIds;
	}

	/**
	 * One insert for the batch, in key order (two gateways inserting the same keys take
	 * their locks in the same order); a key already taken, by another row or by an
	 * earlier placement of the batch, is skipped.
	 */
	private Set<UUID> insertNewKeys(List<Placement> batch) {
		return new HashSet<>(this.jdbc.sql("""
				insert into order_request (customer, idempotency_key, order_id, request_hash)
				select customer, idempotency_key, order_id, request_hash
				from unnest(?::text[], ?::text[], ?::uuid[], ?::text[])
				  as placement (customer, idempotency_key, order_id, request_hash)
				order by customer, idempotency_key
				on conflict (customer, idempotency_key) do nothing
				returning order_id
				""")
			.params(customers(batch), keys(batch),
					batch.stream().map((p) -> p.orderId().toString()).toArray(String[]::new),
					batch.stream().map(Placement::hash).toArray(String[]::new))
			.query(UUID.class)
			.list());
	}

	/** The stored rows of the batch's keys, by customer and key. */
	private Map<String, Earlier> earlier(List<Placement> batch) {
		Map<String, Earlier> rows = new HashMap<>();
		this.jdbc.sql("""
				select customer, idempotency_key, order_id, request_hash from order_request
				where (customer, idempotency_key) in (select * from unnest(?::text[], ?::text[]))
				""").params(customers(batch), keys(batch)).query((rs) -> {
			rows.put(rowKey(rs.getString("customer"), rs.getString("idempotency_key")),
					new Earlier(rs.getObject("order_id", UUID.class), rs.getString("request_hash")));
		});
		return rows;
	}

	private static String[] customers(List<Placement> batch) {
		return batch.stream().map(Placement::customer).toArray(String[]::new);
	}

	private static String[] keys(List<Placement> batch) {
		return batch.stream().map(Placement::key).toArray(String[]::new);
	}

	private static String rowKey(String customer, String key) {
		return customer + '\u0000' + key;
	}

	private record Earlier(UUID orderId, String hash) {
	}

}
