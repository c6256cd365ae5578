package io.stockflow.system;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Inventory administration end to end: commands at the gateway, applied by
 * inventory-service, projected by catalog-service, read back at the gateway; the ledger
 * stays consistent.
 */
class InventoryAdministrationSystemIT {

	static Stockflow stockflow;

	static String admin;

	@BeforeAll
	static void start() {
		stockflow = Stockflow.system();
		admin = stockflow.adminToken();
	}

	@Test
	void editsReachTheCatalogAndAStaleVersionIsRejected() {
		String sku = "SYS-EDIT-" + System.nanoTime();
		stockflow.addItem(admin, sku, "100.00", 5);

		String applied = status(stockflow.call("PUT", "/api/admin/items/" + sku, admin,
				Map.of("brand", "Titan", "model", "Edge Pro", "price", "120.00", "expectedVersion", 1)));
		String stale = status(stockflow.call("PUT", "/api/admin/items/" + sku, admin,
				Map.of("brand", "Titan", "model", "Edge Max", "price", "130.00", "expectedVersion", 1)));

		assertThat(applied).isEqualTo("APPLIED");
		assertThat(stale).isEqualTo("REJECTED");
		await().atMost(Stockflow.patience())
			.until(() -> "Edge Pro"
				.equals(stockflow.call("GET", "/api/items/" + sku, null, null).getBody().get("model")));
		assertThat(stockflow.call("GET", "/api/items/" + sku, null, null).getBody()).containsEntry("price", "120.00")
			.containsEntry("version", 2);
	}

	@Test
	void aThousandConcurrentDeltasAddUpInInventoryLedgerAndCatalog() throws Exception {
		String sku = "SYS-HOT-" + System.nanoTime();
		stockflow.addItem(admin, sku, "10.00", 10000);
		AtomicInteger sum = new AtomicInteger();

		try (ExecutorService admins = Executors.newFixedThreadPool(8)) {
			for (int i = 0; i < 1000; i++) {
				int delta = ThreadLocalRandom.current().nextInt(-5, 10);
				admins.submit(() -> {
					ResponseEntity<Map<String, Object>> answer = stockflow.call("POST",
							"/api/admin/items/" + sku + "/stock", admin,
							Map.of("location", "blr-1", "delta", delta, "reason", "correction"));
					if (answer.getStatusCode().value() == 202) {
						sum.addAndGet(delta);
					}
				});
			}
		}

		int expected = 10000 + sum.get();
		await().atMost(Stockflow.patience().multipliedBy(3))
			.until(() -> stockflow.call("GET", "/api/admin/items/" + sku + "/history?size=1", admin, null)
				.getBody()
				.get("total")
				.equals(1001));
		await().atMost(Stockflow.patience())
			.until(() -> stockflow.call("GET", "/api/items/" + sku, null, null)
				.getBody()
				.get("available")
				.equals(expected));
		Map<String, Object> verify = stockflow.call("GET", "/api/admin/inventory/verify", admin, null).getBody();
		assertThat((List<?>) verify.get("drift")).isEmpty();
	}

	@Test
	void stockChangesAndRemovalReachTheCatalogAndTheHistory() {
		String sku = "SYS-STOCK-" + System.nanoTime();
		stockflow.addItem(admin, sku, "10.00", 5);

		assertThat(status(stockflow.call("POST", "/api/admin/items/" + sku + "/stock", admin,
				Map.of("location", "del-2", "quantity", 7, "reason", "received"))))
			.isEqualTo("APPLIED");
		assertThat(status(stockflow.call("POST", "/api/admin/items/" + sku + "/stock", admin,
				Map.of("location", "blr-1", "delta", -9))))
			.isEqualTo("REJECTED");
		await().atMost(Stockflow.patience())
			.until(() -> stockflow.call("GET", "/api/items/" + sku, null, null).getBody().get("available").equals(12));
		assertThat(status(stockflow.call("DELETE", "/api/admin/items/" + sku, admin, null))).isEqualTo("APPLIED");

		await().atMost(Stockflow.patience())
			.until(() -> stockflow.call("GET", "/api/items/" + sku, null, null).getStatusCode().value() == 404);
		List<?> history = (List<?>) stockflow.call("GET", "/api/admin/items/" + sku + "/history", admin, null)
			.getBody()
			.get("items");
		assertThat(Stockflow.pluck(history, "kind")).containsExactly("ITEM_REMOVED", "ITEM_REMOVED", "SET",
				"ITEM_ADDED");
	}

	@Test
	void csvImportReportsBadRowsAndImportingTheExportAgainChangesNothing() {
		String prefix = "SYS-CSV-" + System.nanoTime();
		String csv = "sku,brand,model,description,price,location,quantity\n" + prefix
				+ "-1,Fossil,Grant,,150.00,blr-1,4\n" + prefix + "-2,Fossil,Gen 6,,250.00,blr-1,abc\n" + prefix
				+ "-3,Fossil,Neutra,,199.00,del-2,9\n";

		ResponseEntity<Map<String, Object>> report = stockflow.postCsv("/api/admin/items/import", admin, csv);

		assertThat(report.getStatusCode().value()).isEqualTo(202);
		assertThat(report.getBody()).containsEntry("accepted", 2);
		assertThat(Stockflow.pluck(report.getBody().get("rejected"), "line")).containsExactly(3);
		await().atMost(Stockflow.patience())
			.until(() -> stockflow.call("GET", "/api/items/" + prefix + "-3", null, null)
				.getStatusCode()
				.value() == 200);
		long ledgerBefore = ledgerEntries();
		String export = stockflow.gateway()
			.get()
			.uri("/api/admin/items/export")
			.headers((h) -> h.setBearerAuth(admin))
			.retrieve()
			.body(String.class);
		assertThat(export).startsWith("sku,brand,model,description,price,location,quantity")
			.contains(prefix + "-1,Fossil,Grant,,150.00,blr-1,4");
		ResponseEntity<Map<String, Object>> again = stockflow.postCsv("/api/admin/items/import", admin, export);
		String statusUrl = (String) again.getBody().get("statusUrl");
		await().atMost(Stockflow.patience())
			.until(() -> "APPLIED".equals(stockflow.call("GET", statusUrl, admin, null).getBody().get("status")));
		assertThat(ledgerEntries()).isEqualTo(ledgerBefore);
	}

	@Test
	void searchToleratesTyposAndBrandsAreCounted() {
		String sku = "SYS-SEARCH-" + System.nanoTime();
		stockflow.call("POST", "/api/admin/items", admin,
				Map.of("sku", sku, "brand", "Zenithia", "model", "Chronomaster", "description", "", "price", "900.00",
						"stock", List.of(Map.of("location", "blr-1", "quantity", 1))));
		await().atMost(Stockflow.patience())
			.until(() -> stockflow.call("GET", "/api/items/" + sku, null, null).getStatusCode().value() == 200);

		Map<String, Object> found = stockflow.call("GET", "/api/items?q=zenithya", null, null).getBody();
		Map<String, Object> twoWords = stockflow.call("GET", "/api/items?q=zenithya chronomastr", null, null).getBody();
		List<?> brands = (List<?>) stockflow.gateway().get().uri("/api/brands").retrieve().body(List.class);

		assertThat(Stockflow.pluck(found.get("items"), "sku")).contains(sku);
		assertThat(Stockflow.pluck(twoWords.get("items"), "sku")).contains(sku);
		assertThat(Stockflow.pluck(brands, "brand")).contains("Zenithia");
	}

	private static long ledgerEntries() {
		return ((Number) stockflow.call("GET", "/api/admin/inventory/verify", admin, null)
			.getBody()
			.get("ledgerEntries")).longValue();
	}

	private static String status(ResponseEntity<Map<String, Object>> accepted) {
		String statusUrl = (String) accepted.getBody().get("statusUrl");
		return await().atMost(Stockflow.patience())
			.until(() -> (String) stockflow.call("GET", statusUrl, admin, null).getBody().get("status"),
					(s) -> !"PENDING".equals(s));
	}

}
