package io.stockflow.system;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first flow end to end, on the real stack: an admin adds an item at the gateway, the
 * command crosses the broker to inventory-service, its event reaches catalog-service, and
 * the gateway serves the item from the read side.
 */
class ItemFlowSystemIT {

	static Stockflow stockflow;

	static String admin;

	@BeforeAll
	static void start() {
		stockflow = Stockflow.system();
		admin = stockflow.adminToken();
	}

	@Test
	void addedItemIsServedByTheCatalog() {
		String sku = "SYS-" + System.nanoTime();

		ResponseEntity<Map<String, Object>> accepted = stockflow.call("POST", "/api/admin/items", admin, item(sku));

		assertThat(accepted.getStatusCode().value()).isEqualTo(202);
		String statusUrl = (String) accepted.getBody().get("statusUrl");
		await().atMost(Stockflow.patience()).until(() -> "APPLIED".equals(status(statusUrl)));
		Map<String, Object> item = await().atMost(Stockflow.patience())
			.until(() -> stockflow.call("GET", "/api/items/" + sku, null, null),
					(r) -> r.getStatusCode().value() == 200)
			.getBody();
		assertThat(item).containsEntry("sku", sku)
			.containsEntry("price", "249.99")
			.containsEntry("available", 42)
			.containsEntry("version", 1);
		Map<String, Object> page = stockflow.call("GET", "/api/items?brand=Titan&q=" + sku, null, null).getBody();
		assertThat(page).containsEntry("total", 1);
	}

	@Test
	void commandSentWhileInventoryIsDownIsAppliedWhenItReturns() {
		String sku = "SYS-QUEUED-" + System.nanoTime();
		assertThat(stockflow.launcher("stop", "inventory-service").exitCode()).isZero();

		ResponseEntity<Map<String, Object>> accepted = stockflow.call("POST", "/api/admin/items", admin, item(sku));

		assertThat(accepted.getStatusCode().value()).isEqualTo(202);
		String statusUrl = (String) accepted.getBody().get("statusUrl");
		assertThat(status(statusUrl)).isEqualTo("PENDING");
		assertThat(stockflow.launcher("start", "inventory-service").exitCode()).isZero();
		await().atMost(Stockflow.patience()).until(() -> "APPLIED".equals(status(statusUrl)));
		await().atMost(Stockflow.patience())
			.until(() -> stockflow.call("GET", "/api/items/" + sku, null, null).getStatusCode().value() == 200);
	}

	@Test
	void secondItemWithTheSameSkuIsRejectedWithTheReason() {
		String sku = "SYS-TWICE-" + System.nanoTime();
		String first = (String) stockflow.call("POST", "/api/admin/items", admin, item(sku)).getBody().get("statusUrl");
		await().atMost(Stockflow.patience()).until(() -> "APPLIED".equals(status(first)));

		String second = (String) stockflow.call("POST", "/api/admin/items", admin, item(sku))
			.getBody()
			.get("statusUrl");

		await().atMost(Stockflow.patience()).until(() -> "REJECTED".equals(status(second)));
		assertThat(stockflow.call("GET", second, admin, null).getBody()).containsEntry("reason",
				"sku " + sku + " exists");
	}

	@Test
	void adminEndpointsRefuseAnonymousCallers() {
		ResponseEntity<Map<String, Object>> anonymous = stockflow.call("POST", "/api/admin/items", null, item("NOPE"));

		assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
		assertThat(anonymous.getBody()).containsEntry("status", 401);
	}

	private String status(String statusUrl) {
		return (String) stockflow.call("GET", statusUrl, admin, null).getBody().get("status");
	}

	static Map<String, Object> item(String sku) {
		return Map.of("sku", sku, "brand", "Titan", "model", "Edge", "description", "Slim steel watch", "price",
				"249.99", "stock",
				List.of(Map.of("location", "blr-1", "quantity", 40), Map.of("location", "del-2", "quantity", 2)));
	}

}
