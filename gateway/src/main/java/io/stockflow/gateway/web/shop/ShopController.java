package io.stockflow.gateway.web.shop;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Validator;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.stockflow.gateway.internal.ServiceClient;
import io.stockflow.gateway.order.OrderManagementClient;
import io.stockflow.gateway.order.PlaceOrderRequest;
import io.stockflow.gateway.ratelimit.TooManyRequestsException;
import io.stockflow.gateway.web.FormErrors;
import io.stockflow.gateway.web.ServiceJson;
import io.stockflow.gateway.web.WebUser;

/**
 * The shop: items from the catalogue (read side) with search, filters, sorting and
 * paging; "Buy" places an order through the same checks as the API.
 */
@Controller
class ShopController {

	/**
	 * The page's key is a UUID and the sku (at most 101 characters); anything longer is
	 * not ours.
	 */
	private static final int MAX_KEY_LENGTH = 120;

	private final ServiceClient catalog;

	private final OrderManagementClient orders;

	private final ServiceJson json;

	private final Validator validator;

	ShopController(ServiceClient catalog, OrderManagementClient orders, ServiceJson json, Validator validator) {
		this.catalog = catalog;
		this.orders = orders;
		this.json = json;
		this.validator = validator;
	}

	@GetMapping("/")
	String shop(@RequestParam(required = false) String q, @RequestParam(required = false) String brand,
			@RequestParam(required = false) String minPrice, @RequestParam(required = false) String maxPrice,
			@RequestParam(defaultValue = "false") boolean inStock, @RequestParam(required = false) String sort,
			@RequestParam(defaultValue = "0") int page, Model model) {
		FormErrors errors = new FormErrors();
		BigDecimal min = errors.decimal(minPrice, "minPrice");
		BigDecimal max = errors.decimal(maxPrice, "maxPrice");
		ShopQuery query = new ShopQuery(q, brand, min, max, inStock, sort, Math.max(0, page));
		model.addAttribute("query", query);
		model.addAttribute("sorts", ShopQuery.SORTS);
		model.addAttribute("minPrice", minPrice);
		model.addAttribute("maxPrice", maxPrice);
		model.addAttribute("errors", errors.byField());
		model.addAttribute("brands", brands());
		Map<String, Object> result = Map.of("items", List.of(), "total", 0);
		try {
			result = this.json.object(this.catalog.get(query.catalogTemplate(), query.catalogValues()));
		}
		catch (ErrorResponseException ex) {
			model.addAttribute("problem", ex.getBody().getDetail());
		}
		long total = ((Number) result.getOrDefault("total", 0)).longValue();
		model.addAttribute("items", result.getOrDefault("items", List.of()));
		model.addAttribute("total", total);
		model.addAttribute("pages", Math.max(1, (total + ShopQuery.PAGE_SIZE - 1) / ShopQuery.PAGE_SIZE));
		model.addAttribute("idempotencyKey", UUID.randomUUID());
		return "shop";
	}

	/**
	 * Places a one-line order. The form carries an idempotency key made when the page was
	 * drawn, so a double click or a resent form places one order.
	 */
	@PostMapping("/orders")
	String buy(@RequestParam String sku, @RequestParam(defaultValue = "") String quantity,
			@RequestParam String idempotencyKey, Authentication user, RedirectAttributes redirect) {
		if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
			redirect.addFlashAttribute("problem", "This page is out of date; please buy again.");
			return "redirect:/";
		}
		FormErrors errors = new FormErrors();
		Integer units = errors.integer(quantity, "quantity");
		PlaceOrderRequest request = new PlaceOrderRequest(List.of(new PlaceOrderRequest.Line(sku, units)));
		errors.validate(this.validator, request);
		if (!errors.isEmpty()) {
			redirect.addFlashAttribute("problem", "Quantity for " + sku + ": 1 to 1000 units.");
			return "redirect:/";
		}
		try {
			UUID orderId = this.orders.place(idempotencyKey, request, WebUser.actor(user));
			redirect.addFlashAttribute("placed", orderId.toString());
			redirect.addFlashAttribute("placedSku", sku);
			redirect.addFlashAttribute("placedQuantity", units);
			return "redirect:/orders";
		}
		catch (ErrorResponseException ex) {
			redirect.addFlashAttribute("problem", ex.getBody().getDetail());
		}
		catch (TooManyRequestsException ex) {
			redirect.addFlashAttribute("problem",
					"Too many orders in a short time; try again in " + ex.retryAfterSeconds() + " s.");
		}
		return "redirect:/";
	}

	private List<Map<String, Object>> brands() {
		try {
			return this.json.list(this.catalog.get("/brands"));
		}
		catch (ErrorResponseException ex) {
			return List.of();
		}
	}

}
