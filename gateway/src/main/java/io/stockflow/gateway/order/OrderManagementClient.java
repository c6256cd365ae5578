package io.stockflow.gateway.order;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.order.OrderLine;
import io.stockflow.gateway.catalog.CatalogItems;
import io.stockflow.gateway.internal.ServiceClient;
import io.stockflow.gateway.ratelimit.RateLimits;

/**
 * The gateway's side of orders: checks (rate limit, known items, ownership, cancellable
 * status) before sending commands, and reads answered by order-service with the owner
 * check applied.
 */
@Service
public class OrderManagementClient {

	private static final TypeReference<Map<String, Object>> JSON = new TypeReference<>() {
	};

	private final OrderRequests requests;

	private final ServiceClient orderService;

	private final CatalogItems catalog;

	private final ServiceClient inventory;

	private final RateLimits limits;

	private final JsonMapper json;

	private final JdbcClient jdbc;

	OrderManagementClient(OrderRequests requests, ServiceClient orders, CatalogItems catalog, ServiceClient inventory,
			RateLimits limits, JsonMapper json, JdbcClient jdbc) {
		this.requests = requests;
		this.orderService = orders;
		this.catalog = catalog;
		this.inventory = inventory;
		this.limits = limits;
		this.json = json;
		this.jdbc = jdbc;
	}

	public UUID place(String key, PlaceOrderRequest request, Actor actor) {
		this.limits.consume(RateLimits.Limit.ORDERS_PER_USER, actor.username());
		requireKnownItems(request);
		List<OrderLine> lines = request.lines().stream().map((l) -> new OrderLine(l.sku(), l.quantity())).toList();
		return this.requests.place(key, lines, actor);
	}

	public Map<String, Object> visibleOrder(UUID orderId, Actor actor) {
		ResponseEntity<String> answer = this.orderService.get("/orders/{id}", orderId);
		Map<String, Object> order = this.json.readValue(answer.getBody(), JSON);
		if (!actor.hasRole("ADMIN") && !Objects.equals(order.get("customer"), actor.username())) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No order " + orderId);
		}
		return order;
	}

	public ResponseEntity<String> list(Actor actor, boolean all, int page, int size) {
		if (all && actor.hasRole("ADMIN")) {
			return this.orderService.get("/orders?page={page}&size={size}", page, size);
		}
		return this.orderService.get("/orders?customer={customer}&page={page}&size={size}", actor.username(), page,
				size);
	}

	public void cancel(UUID orderId, Actor actor) {
		Object status = visibleOrder(orderId, actor).get("status");
		if (!"PENDING".equals(status) && !"CONFIRMED".equals(status)) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"Only a pending or confirmed order can be cancelled; this one is " + status + ".");
		}
		this.requests.cancel(orderId, actor);
	}

	public Map<String, Object> stats() {
		Map<String, Object> orders = this.json.readValue(this.orderService.get("/orders/stats").getBody(), JSON);
		Map<String, Object> items = this.json.readValue(this.inventory.get("/items/stats").getBody(), JSON);
		long pending = this.jdbc.sql("select count(*) from admin_command where status = 'PENDING'")
			.query(Long.class)
			.single();
		return Map.of("orders", orders, "items", items, "commands", Map.of("pending", pending));
	}

	/**
	 * An order for items the catalogue does not know is refused at once (422), naming the
	 * line.
	 */
	private void requireKnownItems(PlaceOrderRequest request) {
		List<Map<String, String>> unknown = new java.util.ArrayList<>();
		for (int i = 0; i < request.lines().size(); i++) {
			String sku = request.lines().get(i).sku();
			try {
				this.catalog.requireKnown(sku);
			}
			catch (org.springframework.web.ErrorResponseException ex) {
				// only a 404 refuses the line: with the catalogue away, the saga decides
				if (ex.getStatusCode().value() == 404) {
					unknown.add(Map.of("field", "lines[" + i + "].sku", "message", "no item " + sku + " is on sale"));
				}
			}
		}
		if (!unknown.isEmpty()) {
			org.springframework.http.ProblemDetail problem = org.springframework.http.ProblemDetail
				.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, "Some lines name items that are not on sale.");
			problem.setProperty("errors", unknown);
			throw new org.springframework.web.ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, null);
		}
	}

}
