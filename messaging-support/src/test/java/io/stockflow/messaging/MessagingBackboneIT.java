package io.stockflow.messaging;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.MessageJson;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.ItemAdded;
import io.stockflow.messaging.MessagingTestApplication.RecordingConsumer;
import io.stockflow.messaging.listener.ParkingRecoverer;
import io.stockflow.messaging.outbox.Outbox;
import io.stockflow.testing.IsolatedInfrastructure;
import io.stockflow.testing.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The backbone against the real broker and database: the relay outlives a dropped
 * connection, the inbox makes a second delivery harmless, transient failures are retried
 * and poison is parked with its reason while the next good message still goes through.
 */
@SpringBootTest(classes = MessagingTestApplication.class)
class MessagingBackboneIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("backbone");

	static final TcpProxy broker = startProxy();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
		registry.add("spring.rabbitmq.port", broker::port);
	}

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	RecordingConsumer consumer;

	@Autowired
	MessageSigner signer;

	@BeforeEach
	void reset() {
		this.consumer.applied.clear();
		this.consumer.attempts.set(0);
		this.consumer.failuresToThrow.set(0);
	}

	@AfterAll
	static void closeProxy() {
		broker.close();
	}

	@Test
	void eventAddedWhileTheBrokerIsUnreachableIsPublishedOnceItIsBack() throws Exception {
		Envelope<ItemAdded> event = event("CUT-1");
		broker.cut();

		this.transactions
			.executeWithoutResult((status) -> this.outbox.add(Exchanges.EVENTS, RoutingKeys.ITEM_ADDED, event));
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> !isPublished(event));

		broker.restore();
		await().atMost(Duration.ofSeconds(30)).until(() -> isPublished(event));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.consumer.applied.contains("CUT-1"));
		assertThat(this.consumer.applied).containsOnlyOnce("CUT-1");
	}

	@Test
	void aRowTheBrokerRefusesBacksOffWithoutHoldingUpTheRowsAfterIt() {
		Envelope<ItemAdded> refused = event("REFUSED-1");
		Envelope<ItemAdded> first = event("AFTER-REFUSED-1");
		Envelope<ItemAdded> second = event("AFTER-REFUSED-2");
		try {
			// one batch: the broker closes the relay's channel over the first row (no
			// such
			// exchange); the rows after it go out on the next passes
			this.transactions.executeWithoutResult((status) -> {
				this.outbox.add("stockflow.no-such-exchange", RoutingKeys.ITEM_ADDED, refused);
				this.outbox.add(Exchanges.EVENTS, RoutingKeys.ITEM_ADDED, first);
				this.outbox.add(Exchanges.EVENTS, RoutingKeys.ITEM_ADDED, second);
			});

			await().atMost(Duration.ofSeconds(30)).until(() -> isPublished(first) && isPublished(second));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.consumer.applied.containsAll(List.of("AFTER-REFUSED-1", "AFTER-REFUSED-2")));
			assertThat(isPublished(refused)).isFalse();
			assertThat(this.jdbc.sql("select attempts from outbox where message_id = ?")
				.param(refused.messageId())
				.query(Integer.class)
				.single()).isPositive();
		}
		finally {
			this.jdbc.sql("delete from outbox where message_id = ?").param(refused.messageId()).update();
		}
	}

	@Test
	void aTransactionsRowsThatGoTheSameWayArriveAsOneBundleInTheirOrderEachAppliedOnce() {
		List<Envelope<ItemAdded>> added = List.of(event("BUNDLED-1"), event("BUNDLED-2"), event("BUNDLED-3"));
		Envelope<ItemAdded> updated = event("BUNDLED-U");
		String observer = this.rabbit.execute((channel) -> {
			String queue = channel.queueDeclare("", false, true, false, null).getQueue();
			channel.queueBind(queue, Exchanges.EVENTS, RoutingKeys.ITEM_ADDED);
			return queue;
		});
		try {
			this.transactions.executeWithoutResult((status) -> {
				this.outbox.add(Exchanges.EVENTS, RoutingKeys.ITEM_ADDED, added.get(0));
				this.outbox.add(Exchanges.EVENTS, RoutingKeys.ITEM_UPDATED, updated);
				this.outbox.add(Exchanges.EVENTS, RoutingKeys.ITEM_ADDED, added.get(1));
				this.outbox.add(Exchanges.EVENTS, RoutingKeys.ITEM_ADDED, added.get(2));
			});

			Message bundle = await().atMost(Duration.ofSeconds(20))
				.until(() -> this.rabbit.receive(observer), Objects::nonNull);
			assertThat(this.rabbit.receive(observer, 500)).isNull();
			List<Message> unpacked = new ArrayList<>();
			new MessageBundles().deBatch(bundle, unpacked::add);
			assertThat(unpacked).extracting((m) -> m.getMessageProperties().getMessageId())
				.containsExactlyElementsOf(added.stream().map((e) -> e.messageId().toString()).toList());
			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.consumer.applied
					.containsAll(List.of("BUNDLED-1", "BUNDLED-2", "BUNDLED-3", "BUNDLED-U")));
			assertThat(this.consumer.applied).containsSubsequence("BUNDLED-1", "BUNDLED-2", "BUNDLED-3")
				.containsOnlyOnce("BUNDLED-1", "BUNDLED-2", "BUNDLED-3", "BUNDLED-U");
			assertThat(this.consumer.attempts.get()).isEqualTo(4);
		}
		finally {
			this.rabbit.execute((channel) -> channel.queueDelete(observer));
		}
	}

	@Test
	void secondDeliveryOfTheSameMessageHasNoSecondEffect() {
		Envelope<ItemAdded> event = event("TWICE-1");

		send(MessageJson.write(event), event.messageId().toString());
		send(MessageJson.write(event), event.messageId().toString());
		send(MessageJson.write(event("AFTER-TWICE")), "after");

		await().atMost(Duration.ofSeconds(20)).until(() -> this.consumer.applied.contains("AFTER-TWICE"));
		assertThat(this.consumer.applied).containsExactly("TWICE-1", "AFTER-TWICE");
		assertThat(this.consumer.attempts.get()).isEqualTo(3);
	}

	@Test
	void transientFailureIsRetriedAndAppliedOnce() {
		this.consumer.failuresToThrow.set(2);

		send(MessageJson.write(event("FLAKY-1")), "flaky");

		await().atMost(Duration.ofSeconds(20)).until(() -> this.consumer.applied.contains("FLAKY-1"));
		assertThat(this.consumer.attempts.get()).isEqualTo(3);
		assertThat(this.consumer.applied).containsExactly("FLAKY-1");
	}

	@Test
	void unparseableMessageIsParkedWithItsReasonAndTheNextOneIsProcessed() {
		send("{not json".getBytes(StandardCharsets.UTF_8), "poison-1");
		send(MessageJson.write(event("GOOD-AFTER-POISON")), "good-after-poison");

		await().atMost(Duration.ofSeconds(20)).until(() -> this.consumer.applied.contains("GOOD-AFTER-POISON"));
		Message parked = parked("poison-1");
		assertThat(new String(parked.getBody(), StandardCharsets.UTF_8)).isEqualTo("{not json");
		MessageProperties properties = parked.getMessageProperties();
		assertThat((String) properties.getHeader(ParkingRecoverer.REASON)).contains("unreadable message");
		assertThat((String) properties.getHeader(ParkingRecoverer.ORIGINAL_QUEUE))
			.isEqualTo(Queues.CATALOG_ITEM_EVENTS);
		assertThat(this.consumer.attempts.get()).isEqualTo(1);
	}

	@Test
	void tamperedMessageIsParkedAndNotApplied() {
		byte[] genuine = MessageJson.write(event("GENUINE-6"));
		byte[] tampered = MessageJson.write(event("TAMPERED-6"));

		sendSigned(tampered, this.signer.sign(genuine), "tampered-6");
		sendSigned(tampered, null, "unsigned-6");
		send(MessageJson.write(event("AFTER-TAMPER-6")), "after-tamper-6");

		await().atMost(Duration.ofSeconds(20)).until(() -> this.consumer.applied.contains("AFTER-TAMPER-6"));
		assertThat((String) parked("tampered-6").getMessageProperties().getHeader(ParkingRecoverer.REASON))
			.isEqualTo("message signature does not match its body");
		assertThat((String) parked("unsigned-6").getMessageProperties().getHeader(ParkingRecoverer.REASON))
			.isEqualTo("message is not signed");
		assertThat(this.consumer.applied).doesNotContain("TAMPERED-6");
	}

	@Test
	void messageThatKeepsFailingIsParkedAfterItsRetries() {
		this.consumer.failuresToThrow.set(100);

		send(MessageJson.write(event("ALWAYS-FAILS")), "always-fails");

		Message parked = parked("always-fails");
		assertThat((String) parked.getMessageProperties().getHeader(ParkingRecoverer.REASON))
			.isEqualTo("database briefly away");
		assertThat(this.consumer.attempts.get()).isEqualTo(4);
		assertThat(this.consumer.applied).isEmpty();
	}

	private void send(byte[] body, String messageId) {
		sendSigned(body, this.signer.sign(body), messageId);
	}

	private void sendSigned(byte[] body, String signature, String messageId) {
		MessageProperties properties = new MessageProperties();
		properties.setMessageId(messageId);
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		if (signature != null) {
			properties.setHeader(MessageSigner.HEADER, signature);
		}
		this.rabbit.send(Exchanges.EVENTS, RoutingKeys.ITEM_ADDED, new Message(body, properties));
	}

	private Message parked(String messageId) {
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> this.rabbit.receive(Queues.parked(Queues.CATALOG_ITEM_EVENTS), 1000),
					(m) -> m != null && messageId.equals(m.getMessageProperties().getMessageId()));
	}

	/** Without a retention (the default) a row is deleted once the broker confirms it. */
	private boolean isPublished(Envelope<?> event) {
		return this.jdbc.sql("select count(*) = 0 from outbox where message_id = ?")
			.param(event.messageId())
			.query(Boolean.class)
			.single();
	}

	private static Envelope<ItemAdded> event(String sku) {
		ItemAdded added = new ItemAdded(sku, "Titan", "Edge", "", new BigDecimal("10.00"), null, List.of(), 1);
		return Envelope.first(UUID.randomUUID(), Actor.service("inventory-service"), added);
	}

	private static TcpProxy startProxy() {
		try {
			return new TcpProxy(5672);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
