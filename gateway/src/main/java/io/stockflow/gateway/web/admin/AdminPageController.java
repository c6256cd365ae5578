package io.stockflow.gateway.web.admin;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import io.stockflow.gateway.internal.ServiceClient;
import io.stockflow.gateway.order.OrderManagementClient;
import io.stockflow.gateway.web.ServiceJson;

/**
 * The admin dashboard: counts, the items with the least stock, the item table, and the
 * forms of {@link AdminActionsController}. Each part can be drawn again on its own (htmx)
 * after a command is applied.
 */
@Controller
class AdminPageController {

	static final int PAGE_SIZE = 15;

	private final ServiceClient catalog;

	private final ServiceClient inventory;

	private final OrderManagementClient orders;

	private final ServiceJson json;

	AdminPageController(ServiceClient catalog, ServiceClient inventory, OrderManagementClient orders,
			ServiceJson json) {
		this.catalog = catalog;
		this.inventory = inventory;
		this.orders = orders;
		this.json = json;
	}

	@GetMapping("/admin")
	String dashboard(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
			Model model) {
		kpis(model);
		items(q, page, model);
		model.addAttribute("lowStock", lowest());
		model.addAttribute("form", Map.of());
		model.addAttribute("errors", Map.of());
		return "admin";
	}

	@GetMapping("/admin/kpis")
	String kpis(Model model) {
		try {
			model.addAttribute("stats", this.orders.stats());
		}
		catch (ErrorResponseException ex) {
			model.addAttribute("statsProblem", ex.getBody().getDetail());
		}
		return "admin :: kpis";
	}

	@GetMapping("/admin/items")
	String items(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
		boolean search = q != null && !q.isBlank();
		// values go as template variables: the client encodes each once
		String template = search ? "/items?page={page}&size={size}&q={q}"
				: "/items?page={page}&size={size}&sort=sku,asc";
		Object[] values = search ? new Object[] { Math.max(0, page), PAGE_SIZE, q.trim() }
				: new Object[] { Math.max(0, page), PAGE_SIZE };
		Map<String, Object> result = Map.of();
		try {
			result = this.json.object(this.catalog.get(template, values));
		}
		catch (ErrorResponseException ex) {
			model.addAttribute("itemsProblem", ex.getBody().getDetail());
		}
		long total = ((Number) result.getOrDefault("total", 0)).longValue();
		model.addAttribute("items", result.getOrDefault("items", List.of()));
		model.addAttribute("itemsTotal", total);
		model.addAttribute("itemsPage", Math.max(0, page));
		model.addAttribute("itemsPages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
		model.addAttribute("q", q);
		return "admin :: items";
	}

	@GetMapping("/admin/items/{sku}/history")
	String history(@PathVariable String sku, Model model) {
		model.addAttribute("sku", sku);
		model.addAttribute("history", this.json.object(this.inventory.get("/items/{sku}/history?page=0&size=20", sku))
			.getOrDefault("items", List.of()));
		return "admin :: history";
	}

	private Object lowest() {
		try {
			return this.json.object(this.catalog.get("/items?sort=available,asc&size=6"))
				.getOrDefault("items", List.of());
		}
		catch (ErrorResponseException ex) {
			return List.of();
		}
	}

}
