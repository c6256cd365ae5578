package io.stockflow.system;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.MessageJson;
import io.stockflow.contracts.inventory.AddItem;
import io.stockflow.contracts.inventory.StockLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Defense in depth on the broker: a real admin command captured off the queue and
 * republished with a changed body, or a command genuinely signed for a customer, is
 * parked and never applied.
 */
class BrokerTamperingSystemIT {

	static final String COMMANDS_QUEUE = "inventory.item-commands";

	static Stockflow stockflow;

	static String admin;

	@BeforeAll
	static void start() {
		stockflow = Stockflow.system();
		admin = stockflow.adminToken();
	}

	@Test
	void capturedAdminCommandRepublishedWithAChangedBodyIsParkedAndNotApplied() {
		String sku = "SYS-GENUINE-" + System.nanoTime();
		String evil = sku.replace("GENUINE", "EVIL");
		assertThat(stockflow.launcher("stop", "inventory-service").exitCode()).isZero();
		String statusUrl = (String) stockflow.call("POST", "/api/admin/items", admin, ItemFlowSystemIT.item(sku))
			.getBody()
			.get("statusUrl");
		Map<String, Object> captured = await().atMost(Stockflow.patience())
			.until(() -> peek(COMMANDS_QUEUE, sku), Objects::nonNull);

		String tamperedBody = ((String) captured.get("payload")).replace(sku, evil)
			.replace("\"quantity\":40", "\"quantity\":999999");
		stockflow.publish("stockflow.commands", "item.add", tamperedBody,
				(Map<String, Object>) captured.get("properties"));
		assertThat(stockflow.launcher("start", "inventory-service").exitCode()).isZero();

		await().atMost(Stockflow.patience())
			.until(() -> "APPLIED".equals(stockflow.call("GET", statusUrl, admin, null).getBody().get("status")));
		Map<String, Object> parked = await().atMost(Stockflow.patience())
			.until(() -> peek(COMMANDS_QUEUE + ".parked", evil), Objects::nonNull);
		assertThat(headers(parked)).containsEntry("x-parked-reason", "message signature does not match its body");
		assertThat(stockflow.call("GET", "/api/items/" + evil, null, null).getStatusCode().value()).isEqualTo(404);
		assertThat(stockflow.call("GET", "/api/items/" + sku, null, null).getBody()).containsEntry("available", 42);
	}

	@Test
	void genuinelySignedAdminCommandOfACustomerIsParked() {
		String sku = "SYS-CUSTOMER-" + System.nanoTime();
		Envelope<AddItem> command = Envelope.first(UUID.randomUUID(), new Actor("mallory", List.of("CUSTOMER")),
				new AddItem(sku, "Titan", "Edge", "", new BigDecimal("1.00"), null, List.of(new StockLevel("blr-1", 5)),
						null));
		String body = new String(MessageJson.write(command), StandardCharsets.UTF_8);
		Map<String, Object> properties = new HashMap<>();
		properties.put("message_id", command.messageId().toString());
		properties.put("content_type", "application/json");
		properties.put("delivery_mode", 2);
		properties.put("headers", Map.of("x-stockflow-signature", stockflow.sign(body)));

		stockflow.publish("stockflow.commands", "item.add", body, properties);

		Map<String, Object> parked = await().atMost(Stockflow.patience())
			.until(() -> peek(COMMANDS_QUEUE + ".parked", sku), Objects::nonNull);
		assertThat(headers(parked)).containsEntry("x-parked-reason",
				"actor mallory lacks role ADMIN required for AddItem");
		assertThat(stockflow.call("GET", "/api/items/" + sku, null, null).getStatusCode().value()).isEqualTo(404);
	}

	/**
	 * A message of the queue whose body mentions the text, left in the queue; or null.
	 */
	private static Map<String, Object> peek(String queue, String text) {
		return stockflow.peek(queue)
			.stream()
			.filter((m) -> ((String) m.get("payload")).contains(text))
			.findFirst()
			.orElse(null);
	}

	private static Map<String, Object> headers(Map<String, Object> message) {
		return (Map<String, Object>) ((Map<String, Object>) message.get("properties")).get("headers");
	}

}
