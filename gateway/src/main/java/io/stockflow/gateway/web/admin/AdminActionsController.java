package io.stockflow.gateway.web.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import io.stockflow.gateway.command.AdminCommands;
import io.stockflow.gateway.command.CommandStatus;
import io.stockflow.gateway.identity.AccountManagement;
import io.stockflow.gateway.identity.Role;
import io.stockflow.gateway.inventory.AddItemRequest;
import io.stockflow.gateway.inventory.ItemCommands;
import io.stockflow.gateway.inventory.StockChangeRequest;
import io.stockflow.gateway.inventory.UpdateItemRequest;
import io.stockflow.gateway.web.FormErrors;
import io.stockflow.gateway.web.WebUser;

/**
 * The admin's commands from the dashboard (htmx forms): each is checked with the API's
 * rules, sent through the broker like the API's, and answered with a toast that follows
 * the command until it is APPLIED or REJECTED.
 */
@Controller
class AdminActionsController {

	/** Rows of the add-item form's stock table. */
	static final int STOCK_ROWS = 3;

	private final ItemCommands items;

	private final AdminCommands commands;

	private final AccountManagement accounts;

	private final Validator validator;

	AdminActionsController(ItemCommands items, AdminCommands commands, AccountManagement accounts,
			Validator validator) {
		this.items = items;
		this.commands = commands;
		this.accounts = accounts;
		this.validator = validator;
	}

	@PostMapping("/admin/items")
	String add(@RequestParam MultiValueMap<String, String> form, Authentication user, Model model) {
		FormErrors errors = new FormErrors();
		List<AddItemRequest.StockRequest> stock = new ArrayList<>();
		List<String> locations = form.getOrDefault("location", List.of());
		List<String> quantities = form.getOrDefault("quantity", List.of());
		for (int i = 0; i < locations.size(); i++) {
			String location = locations.get(i).trim();
			String quantity = (i < quantities.size()) ? quantities.get(i) : "";
			if (!location.isEmpty() || !quantity.isBlank()) {
				stock.add(new AddItemRequest.StockRequest(location,
						errors.integer(quantity, "stock[" + stock.size() + "].quantity")));
			}
		}
		AddItemRequest request = new AddItemRequest(text(form, "sku"), text(form, "brand"), text(form, "model"),
				text(form, "description"), errors.decimal(form.getFirst("price"), "price"), text(form, "imageUrl"),
				stock, errors.integer(form.getFirst("lowStockThreshold"), "lowStockThreshold"));
		errors.validate(this.validator, request);
		model.addAttribute("form", form.toSingleValueMap());
		model.addAttribute("locations", locations);
		model.addAttribute("quantities", quantities);
		if (!errors.isEmpty()) {
			model.addAttribute("errors", errors.byField());
			return "admin :: add-form";
		}
		UUID commandId = this.items.add(request, WebUser.actor(user));
		model.addAttribute("form", java.util.Map.of());
		model.addAttribute("locations", List.of());
		model.addAttribute("quantities", List.of());
		model.addAttribute("errors", java.util.Map.of());
		model.addAttribute("toast", pending(commandId, "AddItem", request.sku()));
		return "admin :: add-form-sent";
	}

	@PostMapping("/admin/items/{sku}")
	String update(@PathVariable String sku, @RequestParam MultiValueMap<String, String> form, Authentication user,
			Model model) {
		FormErrors errors = new FormErrors();
		Integer version = errors.integer(form.getFirst("expectedVersion"), "expectedVersion");
		UpdateItemRequest request = new UpdateItemRequest(text(form, "brand"), text(form, "model"),
				text(form, "description"), errors.decimal(form.getFirst("price"), "price"), text(form, "imageUrl"),
				errors.integer(form.getFirst("lowStockThreshold"), "lowStockThreshold"),
				(version != null) ? version.longValue() : null);
		return send(errors.validate(this.validator, request), model,
				() -> pending(this.items.update(sku, request, WebUser.actor(user)), "UpdateItem", sku));
	}

	@PostMapping("/admin/items/{sku}/stock")
	String stock(@PathVariable String sku, @RequestParam String location, @RequestParam String mode,
			@RequestParam(defaultValue = "") String amount, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String note, Authentication user, Model model) {
		FormErrors errors = new FormErrors();
		Integer units = errors.integer(amount, "amount");
		if (units == null) {
			errors.reject("amount", "give a number of units");
		}
		boolean set = "set".equals(mode);
		StockChangeRequest request = new StockChangeRequest(location.trim(), set ? units : null, set ? null : units,
				blankToNull(reason), blankToNull(note));
		return send(errors.validate(this.validator, request), model,
				() -> pending(this.items.changeStock(sku, request, WebUser.actor(user)), "ChangeStock", sku));
	}

	@PostMapping("/admin/items/{sku}/delete")
	String delete(@PathVariable String sku, Authentication user, Model model) {
		return send(new FormErrors(), model,
				() -> pending(this.items.remove(sku, WebUser.actor(user)), "RemoveItem", sku));
	}

	/**
	 * The toast of a command: drawn again every half second while PENDING; when APPLIED
	 * the page's item table and counts are told to refresh.
	 */
	@GetMapping("/admin/commands/{commandId}")
	String command(@PathVariable UUID commandId, Model model, HttpServletResponse response) {
		CommandStatus status = this.commands.find(commandId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No command " + commandId));
		if (status.status() != CommandStatus.Status.PENDING) {
			response.setHeader("HX-Trigger", "stockflow:changed");
		}
		model.addAttribute("toast", status);
		return "fragments/toast :: command";
	}

	@PostMapping("/admin/users/role")
	String promote(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "ADMIN") Role role,
			Model model) {
		var account = this.accounts.changeRole(username.trim(), role);
		model.addAttribute("message", account.username() + " is now " + account.role() + ".");
		return "fragments/toast :: done";
	}

	private String send(FormErrors errors, Model model, java.util.function.Supplier<CommandStatus> command) {
		if (!errors.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, errors.summary());
		}
		model.addAttribute("toast", command.get());
		return "fragments/toast :: command";
	}

	private static CommandStatus pending(UUID commandId, String type, String sku) {
		return new CommandStatus(commandId, type, CommandStatus.Status.PENDING, null, sku);
	}

	private static String text(MultiValueMap<String, String> form, String field) {
		String value = form.getFirst(field);
		return blankToNull((value != null) ? value.trim() : null);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
