package io.stockflow.system;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every endpoint of the public API against every kind of caller. The matrix must list
 * every endpoint the gateway publishes in its OpenAPI document: a new endpoint without a
 * row fails here until someone decides who may call it.
 */
class AuthorizationMatrixSystemIT {

	static Stockflow stockflow;

	static Map<Caller, String> tokens;

	static String sku;

	static String commandId;

	static String customerToken;

	static String emptySku;

	@BeforeAll
	static void start() {
		stockflow = Stockflow.system();
		String admin = stockflow.adminToken();
		customerToken = stockflow.newCustomerToken("matrix-a");
		tokens = Map.of(Caller.ANONYMOUS, "", Caller.CUSTOMER, customerToken, Caller.OTHER_CUSTOMER,
				stockflow.newCustomerToken("matrix-b"), Caller.ADMIN, admin);
		sku = "MATRIX-" + System.nanoTime();
		String statusUrl = (String) stockflow.call("POST", "/api/admin/items", admin, ItemFlowSystemIT.item(sku))
			.getBody()
			.get("statusUrl");
		commandId = statusUrl.substring(statusUrl.lastIndexOf('/') + 1);
		await().atMost(Stockflow.patience())
			.until(() -> stockflow.call("GET", "/api/items/" + sku, null, null).getStatusCode().value() == 200);
		stockflow.call("POST", "/api/admin/items/" + sku + "/stock", admin,
				Map.of("location", "blr-1", "quantity", 100000));
		emptySku = "MATRIX-EMPTY-" + System.nanoTime();
		stockflow.addItem(admin, emptySku, "1.00", 0);
	}

	/**
	 * A new order of the customer's (one per call, so that cancelling one leaves the
	 * others).
	 */
	static String customersOrder() {
		return stockflow.placeOrder(customerToken, sku, 1);
	}

	/** An order that is rejected at once, whose status stream therefore ends at once. */
	static String customersRejectedOrder() {
		String orderId = stockflow.placeOrder(customerToken, emptySku, 1);
		stockflow.awaitFinal(customerToken, orderId);
		return orderId;
	}

	List<Row> matrix() {
		return List.of(
				// method, path (as documented), concrete path, body, anonymous, customer,
				// other customer, admin
				new Row("POST", "/api/auth/register", () -> "/api/auth/register",
						() -> Map.of("username", "m" + System.nanoTime(), "password", "matrix-password"), 201, 201, 201,
						201),
				new Row("POST", "/api/auth/token", () -> "/api/auth/token",
						() -> Map.of("username", "matrix-a", "password", "matrix-a-password"), 200, 200, 200, 200),
				new Row("GET", "/api/me", () -> "/api/me", () -> null, 401, 200, 200, 200),
				new Row("GET", "/api/items", () -> "/api/items", () -> null, 200, 200, 200, 200),
				new Row("GET", "/api/items/{sku}", () -> "/api/items/" + sku, () -> null, 200, 200, 200, 200),
				new Row("POST", "/api/admin/items", () -> "/api/admin/items",
						() -> ItemFlowSystemIT.item("MATRIX-ADD-" + System.nanoTime()), 401, 403, 403, 202),
				new Row("GET", "/api/admin/commands/{commandId}", () -> "/api/admin/commands/" + commandId, () -> null,
						401, 403, 403, 200),
				new Row("POST", "/api/admin/users/{username}/role", () -> "/api/admin/users/matrix-b/role",
						() -> Map.of("role", "CUSTOMER"), 401, 403, 403, 200),
				new Row("PUT", "/api/admin/items/{sku}", () -> "/api/admin/items/" + sku,
						() -> Map.of("brand", "Titan", "model", "Edge", "price", "249.99"), 401, 403, 403, 202),
				new Row("DELETE", "/api/admin/items/{sku}", () -> "/api/admin/items/MATRIX-NOT-THERE", () -> null, 401,
						403, 403, 202),
				new Row("POST", "/api/admin/items/{sku}/stock", () -> "/api/admin/items/" + sku + "/stock",
						() -> Map.of("location", "blr-1", "delta", 1), 401, 403, 403, 202),
				new Row("POST", "/api/admin/items/import", () -> "/api/admin/items/import",
						() -> "sku,brand,model,description,price,location,quantity\nMATRIX-CSV,Titan,Edge,,1.00,blr-1,1\n",
						401, 403, 403, 202),
				new Row("GET", "/api/admin/items/export", () -> "/api/admin/items/export", () -> null, 401, 403, 403,
						200),
				new Row("GET", "/api/admin/items/{sku}/history", () -> "/api/admin/items/" + sku + "/history",
						() -> null, 401, 403, 403, 200),
				new Row("GET", "/api/admin/inventory/verify", () -> "/api/admin/inventory/verify", () -> null, 401, 403,
						403, 200),
				new Row("POST", "/api/admin/catalog/rebuild", () -> "/api/admin/catalog/rebuild", () -> null, 401, 403,
						403, 200),
				new Row("GET", "/api/brands", () -> "/api/brands", () -> null, 200, 200, 200, 200),
				new Row("POST", "/api/orders", () -> "/api/orders",
						() -> Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1))), 401, 202, 202, 202),
				new Row("GET", "/api/orders", () -> "/api/orders", () -> null, 401, 200, 200, 200),
				new Row("GET", "/api/orders/{orderId}", () -> "/api/orders/" + customersOrder(), () -> null, 401, 200,
						404, 200),
				new Row("POST", "/api/orders/{orderId}/cancel", () -> "/api/orders/" + customersOrder() + "/cancel",
						() -> null, 401, 202, 404, 202),
				new Row("GET", "/api/orders/{orderId}/events",
						() -> "/api/orders/" + customersRejectedOrder() + "/events", () -> null, 401, 200, 404, 200),
				new Row("GET", "/api/admin/stats", () -> "/api/admin/stats", () -> null, 401, 403, 403, 200),
				new Row("GET", "/api/health/services", () -> "/api/health/services", () -> null, 401, 403, 403, 200),
				new Row("GET", "/api/health/events", () -> "/api/health/events", () -> null, 401, 403, 403, 200),
				new Row("GET", "/api/admin/parked", () -> "/api/admin/parked", () -> null, 401, 403, 403, 200),
				new Row("GET", "/api/admin/parked/{queue}", () -> "/api/admin/parked/inventory.item-commands.parked",
						() -> null, 401, 403, 403, 200),
				// no such message: admins get 404, everybody else is stopped before
				new Row("POST", "/api/admin/parked/{queue}/{messageId}/replay",
						() -> "/api/admin/parked/inventory.item-commands.parked/MATRIX-NONE/replay", () -> null, 401,
						403, 403, 404),
				new Row("DELETE", "/api/admin/parked/{queue}/{messageId}",
						() -> "/api/admin/parked/inventory.item-commands.parked/MATRIX-NONE", () -> null, 401, 403, 403,
						404));
	}

	@Test
	void everyCallerGetsTheExpectedStatusFromEveryEndpoint() {
		List<String> mismatches = new java.util.ArrayList<>();
		for (Row row : matrix()) {
			for (Caller caller : Caller.values()) {
				String token = tokens.get(caller);
				int status = status(row, token.isEmpty() ? null : token);
				if (status != row.expected(caller)) {
					mismatches.add(row.method() + " " + row.documented() + " as " + caller + ": " + status
							+ " (expected " + row.expected(caller) + ")");
				}
			}
		}
		assertThat(mismatches).isEmpty();
	}

	@Test
	void theMatrixListsEveryPublishedEndpoint() {
		Map<String, Object> docs = stockflow.gateway().get().uri("/v3/api-docs").retrieve().body(Stockflow.JSON);
		Set<String> published = new TreeSet<>();
		((Map<String, Map<String, Object>>) docs.get("paths")).forEach((path, operations) -> operations.keySet()
			.forEach((method) -> published.add(method.toUpperCase() + " " + path)));
		Set<String> listed = new HashSet<>();
		matrix().forEach((row) -> listed.add(row.method() + " " + row.documented()));

		assertThat(listed).containsExactlyInAnyOrderElementsOf(published);
	}

	/** Only the status code: some answers are arrays, CSV or streams. */
	private static int status(Row row, String token) {
		String path = row.path().get();
		Object body = row.body().get();
		var request = stockflow.gateway()
			.method(org.springframework.http.HttpMethod.valueOf(row.method()))
			.uri(path)
			.headers((h) -> {
				if (token != null) {
					h.setBearerAuth(token);
				}
				if (row.documented().equals("/api/orders")) {
					h.set("Idempotency-Key", java.util.UUID.randomUUID().toString());
				}
			});
		if (body instanceof String csv) {
			request.contentType(org.springframework.http.MediaType.parseMediaType("text/csv")).body(csv);
		}
		else if (body != null) {
			request.contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange((req, res) -> res.getStatusCode().value());
	}

	enum Caller {

		ANONYMOUS, CUSTOMER, OTHER_CUSTOMER, ADMIN

	}

	record Row(String method, String documented, Supplier<String> path, Supplier<Object> body, int anonymous,
			int customer, int otherCustomer, int admin) {

		int expected(Caller caller) {
			return switch (caller) {
				case ANONYMOUS -> this.anonymous;
				case CUSTOMER -> this.customer;
				case OTHER_CUSTOMER -> this.otherCustomer;
				case ADMIN -> this.admin;
			};
		}

	}

}
