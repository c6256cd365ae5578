package io.stockflow.gateway.order;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.stockflow.gateway.identity.Actors;

/**
 * Orders: placed and cancelled through the broker (202), read from order-service.
 * Customers see only their own orders; anyone else's answer 404, as if they did not
 * exist.
 */
@RestController
@Validated
class OrdersController {

	private final OrderManagementClient orders;

	private final OrderStatusStream stream;

	OrdersController(OrderManagementClient orders, OrderStatusStream stream) {
		this.orders = orders;
		this.stream = stream;
	}

	@PostMapping("/api/orders")
	ResponseEntity<Map<String, Object>> place(@RequestHeader("Idempotency-Key") @NotBlank @Size(max = 100) String key,
			@Valid @RequestBody PlaceOrderRequest request, @AuthenticationPrincipal Jwt user) {
		UUID orderId = this.orders.place(key, request, Actors.of(user));
		String statusUrl = "/api/orders/" + orderId;
		return ResponseEntity.accepted()
			.location(java.net.URI.create(statusUrl))
			.body(Map.of("orderId", orderId, "status", "PENDING", "statusUrl", statusUrl));
	}

	@GetMapping("/api/orders/{orderId}")
	Map<String, Object> order(@PathVariable UUID orderId, @AuthenticationPrincipal Jwt user) {
		return this.orders.visibleOrder(orderId, Actors.of(user));
	}

	@GetMapping("/api/orders")
	ResponseEntity<String> orders(@RequestParam(defaultValue = "false") boolean all,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			@AuthenticationPrincipal Jwt user) {
		return this.orders.list(Actors.of(user), all, page, size);
	}

	@PostMapping("/api/orders/{orderId}/cancel")
	ResponseEntity<Map<String, Object>> cancel(@PathVariable UUID orderId, @AuthenticationPrincipal Jwt user) {
		this.orders.cancel(orderId, Actors.of(user));
		String statusUrl = "/api/orders/" + orderId;
		return ResponseEntity.accepted()
			.location(java.net.URI.create(statusUrl))
			.body(Map.of("orderId", orderId, "statusUrl", statusUrl));
	}

	@GetMapping(path = "/api/orders/{orderId}/events", produces = "text/event-stream")
	SseEmitter events(@PathVariable UUID orderId, @AuthenticationPrincipal Jwt user) {
		return this.stream.open(orderId, () -> this.orders.visibleOrder(orderId, Actors.of(user)));
	}

	@GetMapping("/api/admin/stats")
	Map<String, Object> stats() {
		return this.orders.stats();
	}

}
