package io.stockflow.gateway.inventory;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.stockflow.gateway.command.CommandAccepted;
import io.stockflow.gateway.identity.Actors;

/**
 * Inventory administration: commands answered 202, their outcome at the status address.
 */
@RestController
class AdminItemsController {

	private final ItemCommands items;

	AdminItemsController(ItemCommands items) {
		this.items = items;
	}

	@PostMapping("/api/admin/items")
	ResponseEntity<CommandAccepted> add(@Valid @RequestBody AddItemRequest request, @AuthenticationPrincipal Jwt user) {
		CommandAccepted accepted = CommandAccepted.of(this.items.add(request, Actors.of(user)), request.sku());
		return ResponseEntity.accepted().location(accepted.statusUrl()).body(accepted);
	}

}
