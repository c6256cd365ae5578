package io.stockflow.messaging.observation;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.order.OrderLine;
import io.stockflow.contracts.order.PlaceOrder;
import io.stockflow.contracts.outcome.CommandRejected;

import static org.assertj.core.api.Assertions.assertThat;

/** What a log line written while a message is handled names. */
class MessageLogContextTests {

	@AfterEach
	void clear() {
		MDC.clear();
	}

	@Test
	void namesTheMessageAndTheIdsOfItsPayload() {
		UUID orderId = UUID.randomUUID();
		Envelope<PlaceOrder> message = Envelope.first(UUID.randomUUID(), new Actor("eli", List.of("CUSTOMER")),
				new PlaceOrder(orderId, "eli", List.of(new OrderLine("SKU-1", 2))));

		try (MessageLogContext context = MessageLogContext.of(message)) {
			assertThat(MDC.get("orderId")).isEqualTo(orderId.toString());
			assertThat(MDC.get("messageId")).isEqualTo(message.messageId().toString());
			assertThat(MDC.get("messageType")).isEqualTo("PlaceOrder");
			assertThat(MDC.get("sku")).isNull();
		}

		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
	}

	@Test
	void keepsTheOuterMessagesContextAndRemovesOnlyWhatItAdded() {
		UUID commandId = UUID.randomUUID();
		MDC.put("messageId", "outer");
		Envelope<CommandRejected> message = Envelope.first(UUID.randomUUID(), Actor.service("inventory-service"),
				new CommandRejected(commandId, "AddItem", "SKU-9", "sku SKU-9 exists"));

		try (MessageLogContext context = MessageLogContext.of(message)) {
			assertThat(MDC.get("messageId")).isEqualTo("outer");
			assertThat(MDC.get("commandId")).isEqualTo(commandId.toString());
			assertThat(MDC.get("sku")).isEqualTo("SKU-9");
		}

		assertThat(MDC.getCopyOfContextMap()).containsOnlyKeys("messageId");
	}

}
