package io.stockflow.gateway.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import io.stockflow.gateway.command.CommandAccepted;
import io.stockflow.gateway.identity.Actors;
import io.stockflow.gateway.internal.ServiceClient;

/**
 * Inventory administration: commands answered 202 with the address of their outcome;
 * history, export and the ledger check read from inventory-service.
 */
@RestController
@Validated
class AdminItemsController {

	private static final String SKU = "[A-Za-z0-9-]{1,64}";

	private final ItemCommands items;

	private final CsvImport csv;

	private final ServiceClient inventory;

	AdminItemsController(ItemCommands items, CsvImport csv, ServiceClient inventory) {
		this.items = items;
		this.csv = csv;
		this.inventory = inventory;
	}

	@PostMapping("/api/admin/items")
	ResponseEntity<CommandAccepted> add(@Valid @RequestBody AddItemRequest request, @AuthenticationPrincipal Jwt user) {
		return accepted(this.items.add(request, Actors.of(user)), request.sku());
	}

	@PutMapping("/api/admin/items/{sku}")
	ResponseEntity<CommandAccepted> update(@PathVariable @Pattern(regexp = SKU) String sku,
			@Valid @RequestBody UpdateItemRequest request, @AuthenticationPrincipal Jwt user) {
		return accepted(this.items.update(sku, request, Actors.of(user)), sku);
	}

	@DeleteMapping("/api/admin/items/{sku}")
	ResponseEntity<CommandAccepted> remove(@PathVariable @Pattern(regexp = SKU) String sku,
			@AuthenticationPrincipal Jwt user) {
		return accepted(this.items.remove(sku, Actors.of(user)), sku);
	}

	@PostMapping("/api/admin/items/{sku}/stock")
	ResponseEntity<CommandAccepted> changeStock(@PathVariable @Pattern(regexp = SKU) String sku,
			@Valid @RequestBody StockChangeRequest request, @AuthenticationPrincipal Jwt user) {
		return accepted(this.items.changeStock(sku, request, Actors.of(user)), sku);
	}

	@PostMapping(path = "/api/admin/items/import", consumes = { "text/csv", "text/plain" })
	ResponseEntity<CsvImport.Report> importCsv(InputStream body, @AuthenticationPrincipal Jwt user) throws IOException {
		return report(this.csv.importRows(new InputStreamReader(body, StandardCharsets.UTF_8), Actors.of(user)));
	}

	@PostMapping(path = "/api/admin/items/import", consumes = "multipart/form-data")
	ResponseEntity<CsvImport.Report> importFile(@RequestPart("file") MultipartFile file,
			@AuthenticationPrincipal Jwt user) throws IOException {
		try (InputStream in = file.getInputStream()) {
			return report(this.csv.importRows(new InputStreamReader(in, StandardCharsets.UTF_8), Actors.of(user)));
		}
	}

	@GetMapping(path = "/api/admin/items/export", produces = "text/csv")
	ResponseEntity<String> export() {
		return this.inventory.get("/items/export");
	}

	@GetMapping("/api/admin/items/{sku}/history")
	ResponseEntity<String> history(@PathVariable @Pattern(regexp = SKU) String sku,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return this.inventory.get("/items/{sku}/history?page={page}&size={size}", sku, page, size);
	}

	@GetMapping("/api/admin/inventory/verify")
	ResponseEntity<String> verify() {
		return this.inventory.get("/ledger/verify");
	}

	private static ResponseEntity<CommandAccepted> accepted(UUID commandId, String sku) {
		CommandAccepted accepted = CommandAccepted.of(commandId, sku);
		return ResponseEntity.accepted().location(accepted.statusUrl()).body(accepted);
	}

	private static ResponseEntity<CsvImport.Report> report(CsvImport.Report report) {
		if (report.commandId() == null && report.rejected().isEmpty()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The CSV has no rows.");
		}
		return (report.statusUrl() != null)
				? ResponseEntity.accepted().location(java.net.URI.create(report.statusUrl())).body(report)
				: ResponseEntity.status(HttpStatus.BAD_REQUEST).body(report);
	}

}
