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

	@BeforeAll
	static void start() {
		stockflow = Stockflow.system();
		String admin = stockflow.adminToken();
		tokens = Map.of(Caller.ANONYMOUS, "", Caller.CUSTOMER, stockflow.newCustomerToken("matrix-a"),
				Caller.OTHER_CUSTOMER, stockflow.newCustomerToken("matrix-b"), Caller.ADMIN, admin);
		sku = "MATRIX-" + System.nanoTime();
		String statusUrl = (String) stockflow.call("POST", "/api/admin/items", admin, ItemFlowSystemIT.item(sku))
			.getBody()
			.get("statusUrl");
		commandId = statusUrl.substring(statusUrl.lastIndexOf('/') + 1);
		await().atMost(Stockflow.patience())
			.until(() -> stockflow.call("GET", "/api/items/" + sku, null, null).getStatusCode().value() == 200);
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
						() -> Map.of("role", "CUSTOMER"), 401, 403, 403, 200));
	}

	@Test
	void everyCallerGetsTheExpectedStatusFromEveryEndpoint() {
		List<String> mismatches = new java.util.ArrayList<>();
		for (Row row : matrix()) {
			for (Caller caller : Caller.values()) {
				String token = tokens.get(caller);
				int status = stockflow
					.call(row.method(), row.path().get(), token.isEmpty() ? null : token, row.body().get())
					.getStatusCode()
					.value();
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
