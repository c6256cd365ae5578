package io.stockflow.inventory.support;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.inventory.AddItem;
import io.stockflow.contracts.inventory.StockLevel;

import static org.awaitility.Awaitility.await;

/**
 * Sends admin commands to inventory-service through the real broker and reads their
 * outcome.
 */
public class InventoryTestClient {

	public static final Actor ADMIN = new Actor("admin", List.of("ADMIN"));

	private final RabbitTemplate rabbit;

	private final JdbcClient jdbc;

	public InventoryTestClient(RabbitTemplate rabbit, JdbcClient jdbc) {
		this.rabbit = rabbit;
		this.jdbc = jdbc;
	}

	/**
	 * Sends a command as the admin.
	 * @param routingKey its routing key
	 * @param payload the command
	 * @return the envelope sent
	 */
	public Envelope<?> send(String routingKey, Object payload) {
		Envelope<?> command = Envelope.first(UUID.randomUUID(), ADMIN, payload);
		this.rabbit.convertAndSend(Exchanges.COMMANDS, routingKey, command);
		return command;
	}

	/**
	 * Sends a command and waits for its outcome.
	 * @param routingKey its routing key
	 * @param payload the command
	 * @return {@code CommandApplied} or {@code CommandRejected}
	 */
	public String sendAndAwait(String routingKey, Object payload) {
		Envelope<?> command = send(routingKey, payload);
		return await().atMost(Duration.ofSeconds(30)).until(() -> outcome(command), (o) -> !o.isEmpty());
	}

	/**
	 * @return the outcome event type of a command, empty while there is none
	 */
	public String outcome(Envelope<?> command) {
		return this.jdbc.sql("""
				select coalesce(max(type), '') from outbox
				where type like 'Command%' and convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'commandId' = ?
				""").param(command.messageId().toString()).query(String.class).single();
	}

	/**
	 * @return the reason of a rejected command
	 */
	public String reason(Envelope<?> command) {
		return this.jdbc.sql("""
				select convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'reason' from outbox
				where type = 'CommandRejected' and convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'commandId' = ?
				""").param(command.messageId().toString()).query(String.class).single();
	}

	/**
	 * @return the number of outbox events of a type about a sku
	 */
	public int events(String type, String sku) {
		return this.jdbc.sql("""
				select count(*) from outbox
				where type = ? and convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'sku' = ?
				""").params(type, sku).query(Integer.class).single();
	}

	/**
	 * @return the level of a location, or -1 without stock there
	 */
	public int level(String sku, String location) {
		return this.jdbc.sql("select available from stock where sku = ? and location = ?")
			.params(sku, location)
			.query(Integer.class)
			.optional()
			.orElse(-1);
	}

	/**
	 * @return ledger entries of an item
	 */
	public int ledgerEntries(String sku) {
		return this.jdbc.sql("select count(*) from stock_ledger where sku = ?")
			.param(sku)
			.query(Integer.class)
			.single();
	}

	/**
	 * @param sku the sku
	 * @param quantities quantity of blr-1, then del-2 (if given)
	 * @return an {@code AddItem} with the service's default threshold
	 */
	public static AddItem item(String sku, int... quantities) {
		List<String> locations = List.of("blr-1", "del-2");
		List<StockLevel> stock = new java.util.ArrayList<>();
		for (int i = 0; i < quantities.length; i++) {
			stock.add(new StockLevel(locations.get(i), quantities[i]));
		}
		return new AddItem(sku, "Titan", "Edge", "Slim steel watch", new BigDecimal("99.50"), null, stock, null);
	}

}
