package io.stockflow.gateway.web.orders;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.stockflow.contracts.Actor;
import io.stockflow.gateway.order.OrderManagementClient;
import io.stockflow.gateway.order.OrderStatusStream;
import io.stockflow.gateway.web.ServiceJson;
import io.stockflow.gateway.web.WebUser;

/**
 * "My orders": newest first, each status live over SSE (the API's status stream, opened
 * with the session), cancel with confirmation, the timeline on expand.
 */
@Controller
class OrderPagesController {

	private static final int PAGE_SIZE = 20;

	private final OrderManagementClient orders;

	private final OrderStatusStream stream;

	private final ServiceJson json;

	OrderPagesController(OrderManagementClient orders, OrderStatusStream stream, ServiceJson json) {
		this.orders = orders;
		this.stream = stream;
		this.json = json;
	}

	@GetMapping("/orders")
	String orders(@RequestParam(defaultValue = "0") int page, Authentication user, Model model) {
		Map<String, Object> result = this.json
			.object(this.orders.list(WebUser.actor(user), false, Math.max(0, page), PAGE_SIZE));
		long total = ((Number) result.getOrDefault("total", 0)).longValue();
		List<?> items = (List<?>) result.getOrDefault("items", List.of());
		model.addAttribute("orders", items);
		model.addAttribute("page", Math.max(0, page));
		model.addAttribute("pages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
		model.addAttribute("total", total);
		Object placed = model.getAttribute("placed");
		boolean placedListed = placed != null
				&& items.stream().anyMatch((o) -> placed.equals(String.valueOf(((Map<?, ?>) o).get("orderId"))));
		model.addAttribute("placedListed", placedListed);
		return "orders";
	}

	/** One order's row, drawn again after a live change or a cancel. */
	@GetMapping("/orders/{orderId}/row")
	String row(@PathVariable UUID orderId, Authentication user, Model model) {
		model.addAttribute("order", this.orders.visibleOrder(orderId, WebUser.actor(user)));
		return "orders :: row";
	}

	@GetMapping("/orders/{orderId}/timeline")
	String timeline(@PathVariable UUID orderId, Authentication user, Model model) {
		model.addAttribute("order", this.orders.visibleOrder(orderId, WebUser.actor(user)));
		return "orders :: timeline";
	}

	@PostMapping("/orders/{orderId}/cancel")
	String cancel(@PathVariable UUID orderId, Authentication user, Model model,
			@RequestHeader(name = "HX-Request", required = false) String htmx, RedirectAttributes redirect) {
		Actor actor = WebUser.actor(user);
		this.orders.cancel(orderId, actor);
		if (htmx == null) {
			redirect.addFlashAttribute("notice", "Cancelling order " + orderId + "; its units go back on sale.");
			return "redirect:/orders";
		}
		model.addAttribute("order", this.orders.visibleOrder(orderId, actor));
		model.addAttribute("cancelling", true);
		return "orders :: row";
	}

	/**
	 * The order's status as {@code text/event-stream} for the page's script: the current
	 * status first, then each change. 404 while order-service does not know the order yet
	 * (the script tries again) or if it is someone else's.
	 */
	@GetMapping(path = "/orders/{orderId}/events", produces = "text/event-stream")
	ResponseEntity<SseEmitter> events(@PathVariable UUID orderId, Authentication user) {
		Actor actor = WebUser.actor(user);
		try {
			return ResponseEntity.ok(this.stream.open(orderId, () -> this.orders.visibleOrder(orderId, actor)));
		}
		catch (ErrorResponseException ex) {
			return ResponseEntity.status(ex.getStatusCode()).build();
		}
	}

}
