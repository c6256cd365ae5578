package io.stockflow.inventory.item;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.AddItem;
import io.stockflow.contracts.inventory.ItemAdded;
import io.stockflow.contracts.inventory.StockLevel;
import io.stockflow.contracts.outcome.CommandApplied;
import io.stockflow.messaging.MessageSigner;
import io.stockflow.messaging.listener.ParkingRecoverer;
import io.stockflow.testing.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Item commands through the real broker into inventory's real database. */
@SpringBootTest
class ItemCommandsIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("inventory-items");

	static final Actor ADMIN = new Actor("admin", List.of("ADMIN"));

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
	}

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MessageSigner signer;

	@Test
	void addsTheItemWithItsStockAndAnnouncesIt() {
		Envelope<AddItem> command = command(addItem("ADD-1", "99.5", 40, 2));

		send(command);

		await().atMost(Duration.ofSeconds(20)).until(() -> outcome(command).equals("CommandApplied"));
		assertThat(stock("ADD-1")).isEqualTo(42);
		assertThat(ledgerEntries("ADD-1")).isEqualTo(2);
		Envelope<?> added = received(Queues.CATALOG_ITEM_EVENTS, command.messageId());
		assertThat(added.payload()).isInstanceOfSatisfying(ItemAdded.class, (event) -> {
			assertThat(event.price()).isEqualByComparingTo("99.50");
			assertThat(event.version()).isEqualTo(1);
			assertThat(event.stock()).hasSize(2);
		});
		Envelope<?> applied = received(Queues.GATEWAY_COMMAND_OUTCOMES, command.messageId());
		assertThat(applied.payload()).isEqualTo(new CommandApplied(command.messageId(), "AddItem", "ADD-1"));
		assertThat(applied.correlationId()).isEqualTo(command.correlationId());
	}

	@Test
	void redeliveredCommandHasNoSecondEffect() {
		Envelope<AddItem> command = command(addItem("TWICE-2", "10", 5, 5));

		Envelope<AddItem> marker = command(addItem("AFTER-TWICE-2", "10", 1, 1));
		send(command, command, marker);

		await().atMost(Duration.ofSeconds(20)).until(() -> outcome(marker).equals("CommandApplied"));
		assertThat(stock("TWICE-2")).isEqualTo(10);
		assertThat(ledgerEntries("TWICE-2")).isEqualTo(2);
		assertThat(outcomes(command)).isEqualTo(1);
	}

	@Test
	void rejectsASkuThatExistsWithTheReason() {
		Envelope<AddItem> first = command(addItem("TAKEN-3", "10", 1, 0));
		Envelope<AddItem> second = command(addItem("TAKEN-3", "12", 9, 9));

		send(first, second);

		await().atMost(Duration.ofSeconds(20)).until(() -> outcome(second).equals("CommandRejected"));
		assertThat(reason(second)).isEqualTo("sku TAKEN-3 exists");
		assertThat(stock("TAKEN-3")).isEqualTo(1);
	}

	@Test
	void rejectsAnInvalidFieldNamingItAndChangesNothing() {
		Envelope<AddItem> command = command(addItem("BAD-PRICE-4", "-1", 1, 1));

		send(command);

		await().atMost(Duration.ofSeconds(20)).until(() -> outcome(command).equals("CommandRejected"));
		assertThat(reason(command)).startsWith("price must be");
		assertThat(this.jdbc.sql("select count(*) from item where sku = 'BAD-PRICE-4'").query(Integer.class).single())
			.isZero();
	}

	@Test
	void parksAnUnreadableCommandWithItsReasonAndGoesOn() {
		byte[] garbage = "{\"type\":\"AddItem\",\"payload\":".getBytes(StandardCharsets.UTF_8);
		MessageProperties properties = new MessageProperties();
		properties.setMessageId("garbage-5");
		properties.setHeader(MessageSigner.HEADER, this.signer.sign(garbage));
		this.rabbit.send(Exchanges.COMMANDS, RoutingKeys.ITEM_ADD, new Message(garbage, properties));
		Envelope<AddItem> next = command(addItem("AFTER-GARBAGE-5", "1", 1, 1));
		send(next);

		await().atMost(Duration.ofSeconds(20)).until(() -> outcome(next).equals("CommandApplied"));
		Message parked = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.rabbit.receive(Queues.parked(Queues.INVENTORY_ITEM_COMMANDS), 1000),
					(m) -> m != null && "garbage-5".equals(m.getMessageProperties().getMessageId()));
		assertThat((String) parked.getMessageProperties().getHeader(ParkingRecoverer.REASON))
			.startsWith("unreadable message");
	}

	@Test
	void parksAGenuinelySignedCommandOfACustomer() {
		Envelope<AddItem> fromCustomer = Envelope.first(UUID.randomUUID(), new Actor("mallory", List.of("CUSTOMER")),
				addItem("CUSTOMER-6", "1", 1, 1));

		send(fromCustomer);

		Message parked = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.rabbit.receive(Queues.parked(Queues.INVENTORY_ITEM_COMMANDS), 1000), (m) -> m != null
					&& fromCustomer.messageId().toString().equals(m.getMessageProperties().getMessageId()));
		assertThat((String) parked.getMessageProperties().getHeader(ParkingRecoverer.REASON))
			.isEqualTo("actor mallory lacks role ADMIN required for AddItem");
		assertThat(this.jdbc.sql("select count(*) from item where sku = 'CUSTOMER-6'").query(Integer.class).single())
			.isZero();
	}

	/**
	 * Sends the commands in this order on one channel: the broker keeps the order of one
	 * channel's messages only (two sends of the template may take two channels, and the
	 * later message may then arrive first).
	 */
	private void send(Envelope<?>... commands) {
		this.rabbit.invoke((operations) -> {
			for (Envelope<?> command : commands) {
				operations.convertAndSend(Exchanges.COMMANDS, RoutingKeys.ITEM_ADD, command);
			}
			return null;
		});
	}

	private Envelope<?> received(String queue, UUID causation) {
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> (Envelope<?>) this.rabbit.receiveAndConvert(queue, 1000),
					(e) -> e != null && causation.equals(e.causationId()));
	}

	private String outcome(Envelope<?> command) {
		return this.jdbc.sql("""
				select coalesce(max(type), '') from outbox
				where type like 'Command%' and convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'commandId' = ?
				""").param(command.messageId().toString()).query(String.class).single();
	}

	private int outcomes(Envelope<?> command) {
		return this.jdbc.sql("""
				select count(*) from outbox
				where type like 'Command%' and convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'commandId' = ?
				""").param(command.messageId().toString()).query(Integer.class).single();
	}

	private String reason(Envelope<?> command) {
		return this.jdbc.sql("""
				select convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'reason' from outbox
				where type = 'CommandRejected' and convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'commandId' = ?
				""").param(command.messageId().toString()).query(String.class).single();
	}

	private int stock(String sku) {
		return this.jdbc.sql("select coalesce(sum(available), 0) from stock where sku = ?")
			.param(sku)
			.query(Integer.class)
			.single();
	}

	private int ledgerEntries(String sku) {
		return this.jdbc.sql("select count(*) from stock_ledger where sku = ?")
			.param(sku)
			.query(Integer.class)
			.single();
	}

	private static Envelope<AddItem> command(AddItem add) {
		return Envelope.first(UUID.randomUUID(), ADMIN, add);
	}

	private static AddItem addItem(String sku, String price, int first, int second) {
		return new AddItem(sku, "Titan", "Edge", "Slim steel watch", new BigDecimal(price), null,
				List.of(new StockLevel("blr-1", first), new StockLevel("del-2", second)), null);
	}

}
