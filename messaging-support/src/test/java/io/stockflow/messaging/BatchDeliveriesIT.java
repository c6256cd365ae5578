package io.stockflow.messaging;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.MessageJson;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.ItemAdded;
import io.stockflow.messaging.MessagingTestApplication.BatchConsumer;
import io.stockflow.messaging.listener.ParkingRecoverer;
import io.stockflow.testing.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batch listeners against the real broker and database: messages that arrive together are
 * applied in one transaction, once each; a batch with a bad message rolls back and its
 * messages are applied one by one, the bad one parked with its reason, a flaky one
 * retried, none applied twice.
 */
@SpringBootTest(classes = MessagingTestApplication.class)
class BatchDeliveriesIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("batches");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	MessageSigner signer;

	@Autowired
	EnvelopeMessageConverter converter;

	@Autowired
	BatchConsumer consumer;

	@Autowired
	RabbitListenerEndpointRegistry listeners;

	@BeforeEach
	void reset() {
		this.consumer.failuresToThrow.set(0);
		this.consumer.attempts.set(0);
		this.jdbc.sql("delete from batch_applied").update();
	}

	@Test
	void messagesThatArriveTogetherAreAppliedInOneTransactionOnceEach() {
		List<Envelope<ItemAdded>> events = events("TOGETHER", 20);

		whileStopped(() -> events.forEach(this::send));

		awaitApplied(20);
		assertThat(skus()).containsExactlyInAnyOrderElementsOf(events.stream().map((e) -> e.payload().sku()).toList());
		assertThat(this.jdbc.sql("select count(distinct txid) from batch_applied").query(Integer.class).single())
			.isLessThan(20);
		assertThat(this.consumer.attempts.get()).isEqualTo(20);
	}

	@Test
	void duplicateInOneBatchHasNoSecondEffect() {
		Envelope<ItemAdded> twice = event("TWICE-B");
		Envelope<ItemAdded> after = event("AFTER-TWICE-B");

		whileStopped(() -> {
			send(twice);
			send(twice);
			send(after);
		});

		awaitApplied(2);
		await().during(Duration.ofMillis(500)).until(() -> count() == 2);
		assertThat(skus()).containsExactlyInAnyOrder("TWICE-B", "AFTER-TWICE-B");
	}

	@Test
	void poisonInABatchIsParkedWithItsReasonAndTheOthersAreAppliedOnce() {
		List<Envelope<ItemAdded>> good = events("BESIDE-POISON", 5);
		Envelope<ItemAdded> poison = event("POISON-1");
		byte[] unsigned = MessageJson.write(event("UNSIGNED-1"));

		whileStopped(() -> {
			good.subList(0, 2).forEach(this::send);
			send(poison);
			sendSigned(unsigned, null, "unsigned-batch");
			good.subList(2, 5).forEach(this::send);
		});

		awaitApplied(5);
		assertThat(skus()).containsExactlyInAnyOrderElementsOf(good.stream().map((e) -> e.payload().sku()).toList());
		Map<String, String> reasons = parkedReasons(poison.messageId().toString(), "unsigned-batch");
		assertThat(reasons).containsEntry(poison.messageId().toString(), "no such thing as POISON-1")
			.containsEntry("unsigned-batch", "message is not signed");
		assertThat(count()).isEqualTo(5);
	}

	@Test
	void transientFailureInABatchIsRetriedAndEveryMessageAppliedOnce() {
		List<Envelope<ItemAdded>> events = events("FLAKY-B", 10);
		this.consumer.failuresToThrow.set(2);

		whileStopped(() -> events.forEach(this::send));

		awaitApplied(10);
		await().during(Duration.ofMillis(500)).until(() -> count() == 10);
		assertThat(skus()).containsExactlyInAnyOrderElementsOf(events.stream().map((e) -> e.payload().sku()).toList());
	}

	@Test
	void messageThatKeepsFailingInABatchIsParkedAfterItsRetriesAndTheOthersApplied() {
		List<Envelope<ItemAdded>> events = events("STUCK-B", 3);
		this.consumer.failuresToThrow.set(1000);

		whileStopped(() -> events.forEach(this::send));

		Map<String, String> reasons = parkedReasons(
				events.stream().map((e) -> e.messageId().toString()).toArray(String[]::new));
		events.forEach((e) -> assertThat(reasons).containsEntry(e.messageId().toString(), "database briefly away"));
		assertThat(count()).isZero();
	}

	@Test
	void aBundlesMessagesAreAppliedOnceEachAndItsForgedAndPoisonedOnesParkedAlone() {
		List<Envelope<ItemAdded>> good = events("IN-BUNDLE", 6);
		Envelope<ItemAdded> poison = event("POISON-IN-BUNDLE");
		Message forged = signed(event("FORGED-IN-BUNDLE"));
		forged.getMessageProperties().setHeader(MessageSigner.HEADER, this.signer.sign("other".getBytes()));
		List<Message> messages = new ArrayList<>(good.stream().map(this::signed).toList());
		messages.add(2, signed(poison));
		messages.add(5, forged);

		whileStopped(() -> sendBundle(messages));

		awaitApplied(6);
		assertThat(skus()).containsExactlyInAnyOrderElementsOf(good.stream().map((e) -> e.payload().sku()).toList());
		List<Message> parked = parked(2);
		assertThat(parked).allSatisfy(
				(m) -> assertThat(m.getMessageProperties().getHeaders()).doesNotContainKey(MessageBundles.HEADER));
		Map<String, String> reasons = new HashMap<>();
		parked.forEach((m) -> reasons.put(m.getMessageProperties().getMessageId(),
				m.getMessageProperties().getHeader(ParkingRecoverer.REASON)));
		assertThat(reasons).containsOnly(Map.entry(poison.messageId().toString(), "no such thing as POISON-IN-BUNDLE"),
				Map.entry(forged.getMessageProperties().getMessageId(), "message signature does not match its body"));
		Message parkedPoison = parked.stream()
			.filter((m) -> m.getMessageProperties().getMessageId().equals(poison.messageId().toString()))
			.findFirst()
			.orElseThrow();
		assertThat(this.converter.fromMessage(parkedPoison)).isEqualTo(poison);
		await().during(Duration.ofMillis(500)).until(() -> count() == 6);
	}

	@Test
	void aBundleLargerThanABatchIsAppliedInTransactionsOfTheBatchSize() {
		List<Envelope<ItemAdded>> events = events("LARGE-BUNDLE", 250);

		whileStopped(() -> sendBundle(events.stream().map(this::signed).toList()));

		awaitApplied(250);
		assertThat(skus()).containsExactlyInAnyOrderElementsOf(events.stream().map((e) -> e.payload().sku()).toList());
		assertThat(this.jdbc.sql("select max(n) from (select count(*) n from batch_applied group by txid) t")
			.query(Integer.class)
			.single()).isEqualTo(100);
		assertThat(this.consumer.attempts.get()).isEqualTo(250);
	}

	@Test
	void aBundleThatCannotBeReadIsParkedWholeWithTheReason() {
		Message bundle = new MessageBundles().bundle(List.of(signed(event("GARBLED-1")), signed(event("GARBLED-2"))));
		bundle.getMessageProperties().setMessageId("garbled-bundle");
		Message garbled = new Message(java.util.Arrays.copyOf(bundle.getBody(), 30), bundle.getMessageProperties());
		Envelope<ItemAdded> after = event("AFTER-GARBLED");

		whileStopped(() -> {
			this.rabbit.send(Exchanges.COMMANDS, RoutingKeys.RESERVATION_RESERVE, garbled);
			send(after);
		});

		awaitApplied(1);
		Map<String, String> reasons = parkedReasons("garbled-bundle");
		assertThat(reasons.get("garbled-bundle")).startsWith("unreadable bundle: ");
		assertThat(skus()).containsExactly("AFTER-GARBLED");
	}

	private void whileStopped(Runnable sends) {
		MessageListenerContainer container = this.listeners.getListenerContainer(BatchConsumer.ID);
		container.stop();
		sends.run();
		await().atMost(Duration.ofSeconds(10)).until(() -> ready() >= 1);
		container.start();
	}

	private int ready() {
		return this.rabbit
			.execute((channel) -> (int) channel.queueDeclarePassive(Queues.INVENTORY_RESERVATIONS).getMessageCount());
	}

	private void awaitApplied(int expected) {
		await().atMost(Duration.ofSeconds(30)).until(() -> count() >= expected);
	}

	private int count() {
		return this.jdbc.sql("select count(*) from batch_applied").query(Integer.class).single();
	}

	private List<String> skus() {
		return this.jdbc.sql("select sku from batch_applied").query(String.class).list();
	}

	/** Takes parked messages off until every one asked for was seen: their reasons. */
	private Map<String, String> parkedReasons(String... messageIds) {
		Map<String, String> reasons = new HashMap<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			Message parked = this.rabbit.receive(Queues.parked(Queues.INVENTORY_RESERVATIONS), 1000);
			if (parked != null) {
				reasons.put(parked.getMessageProperties().getMessageId(),
						parked.getMessageProperties().getHeader(ParkingRecoverer.REASON));
			}
			return reasons.keySet().containsAll(List.of(messageIds));
		});
		return reasons;
	}

	private void sendBundle(List<Message> messages) {
		this.rabbit.send(Exchanges.COMMANDS, RoutingKeys.RESERVATION_RESERVE, new MessageBundles().bundle(messages));
	}

	private Message signed(Envelope<ItemAdded> event) {
		return this.converter.toMessage(event, new MessageProperties());
	}

	/** Takes the given number of parked messages off the parking queue. */
	private List<Message> parked(int expected) {
		List<Message> parked = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			Message message = this.rabbit.receive(Queues.parked(Queues.INVENTORY_RESERVATIONS), 1000);
			if (message != null) {
				parked.add(message);
			}
			return parked.size() >= expected;
		});
		return parked;
	}

	private void send(Envelope<ItemAdded> event) {
		byte[] body = MessageJson.write(event);
		sendSigned(body, this.signer.sign(body), event.messageId().toString());
	}

	private void sendSigned(byte[] body, String signature, String messageId) {
		MessageProperties properties = new MessageProperties();
		properties.setMessageId(messageId);
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		if (signature != null) {
			properties.setHeader(MessageSigner.HEADER, signature);
		}
		this.rabbit.send(Exchanges.COMMANDS, RoutingKeys.RESERVATION_RESERVE, new Message(body, properties));
	}

	private static List<Envelope<ItemAdded>> events(String prefix, int count) {
		return java.util.stream.IntStream.rangeClosed(1, count).mapToObj((i) -> event(prefix + "-" + i)).toList();
	}

	private static Envelope<ItemAdded> event(String sku) {
		ItemAdded added = new ItemAdded(sku, "Titan", "Edge", "", new BigDecimal("10.00"), null, List.of(), 1);
		return Envelope.first(UUID.randomUUID(), Actor.service("order-service"), added);
	}

}
