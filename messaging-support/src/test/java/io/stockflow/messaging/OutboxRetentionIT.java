package io.stockflow.messaging;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.ItemAdded;
import io.stockflow.messaging.MessagingTestApplication.RecordingConsumer;
import io.stockflow.messaging.outbox.Outbox;
import io.stockflow.messaging.outbox.OutboxRelay;
import io.stockflow.testing.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox with a retention: a confirmed row is kept, marked published, is not sent
 * again, and is purged only once it is older than the retention. (Without one, the
 * default, {@link MessagingBackboneIT} sees confirmed rows deleted.)
 */
@SpringBootTest(classes = MessagingTestApplication.class, properties = "stockflow.messaging.outbox.retention=2d")
class OutboxRetentionIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("retention");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
	}

	@Autowired
	Outbox outbox;

	@Autowired
	OutboxRelay relay;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RecordingConsumer consumer;

	@Test
	void aConfirmedRowIsKeptMarkedUntilItsRetentionHasPassedAndIsNotSentAgain() {
		Envelope<ItemAdded> event = event("KEPT-1");

		this.transactions
			.executeWithoutResult((status) -> this.outbox.add(Exchanges.EVENTS, RoutingKeys.ITEM_ADDED, event));

		await().atMost(Duration.ofSeconds(30)).until(() -> "published".equals(state(event)));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.consumer.applied.contains("KEPT-1"));
		// the relay polls every 100 ms: a row it took for unpublished would go out again
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.until(() -> this.consumer.attempts.get() == 1);
		assertThat(this.relay.purge()).isZero();
		assertThat(state(event)).isEqualTo("published");

		this.jdbc.sql("update outbox set published_at = now() - interval '3 days' where message_id = ?")
			.param(event.messageId())
			.update();

		assertThat(this.relay.purge()).isEqualTo(1);
		assertThat(state(event)).isEqualTo("gone");
	}

	private String state(Envelope<?> event) {
		return this.jdbc.sql("""
				select coalesce((select case when published_at is null then 'waiting' else 'published' end
				                 from outbox where message_id = ?), 'gone')
				""").param(event.messageId()).query(String.class).single();
	}

	private static Envelope<ItemAdded> event(String sku) {
		ItemAdded added = new ItemAdded(sku, "Titan", "Edge", "", new BigDecimal("10.00"), null, List.of(), 1);
		return Envelope.first(UUID.randomUUID(), Actor.service("inventory-service"), added);
	}

}
