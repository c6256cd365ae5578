package io.stockflow.orders.order;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Orders over internal HTTP, for the gateway (which checks who may see what): one order,
 * pages of orders, counts by status.
 */
@RestController
class OrderController {

	private final OrderQueries orders;

	OrderController(OrderQueries orders) {
		this.orders = orders;
	}

	@GetMapping("/orders/{orderId}")
	OrderQueries.OrderDetails order(@PathVariable UUID orderId) {
		return this.orders.details(orderId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No order " + orderId));
	}

	@GetMapping("/orders")
	OrderQueries.Page<OrderQueries.OrderSummary> orders(@RequestParam(required = false) String customer,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		return this.orders.list(customer, page, size);
	}

	@GetMapping("/orders/stats")
	OrderQueries.Stats stats() {
		return this.orders.stats();
	}

}
