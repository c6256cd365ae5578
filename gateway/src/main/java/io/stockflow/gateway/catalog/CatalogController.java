package io.stockflow.gateway.catalog;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.stockflow.gateway.internal.ServiceClient;

/**
 * Catalogue reads, answered by the read side (catalog-service), never by inventory; and
 * the admin's rebuild of that read side from the event log.
 */
@RestController
class CatalogController {

	private final ServiceClient catalog;

	private final CatalogItems items;

	CatalogController(ServiceClient catalog, CatalogItems items) {
		this.catalog = catalog;
		this.items = items;
	}

	@GetMapping("/api/items/{sku}")
	ResponseEntity<String> item(@PathVariable String sku) {
		return this.items.item(sku);
	}

	@GetMapping("/api/brands")
	ResponseEntity<String> brands() {
		return this.catalog.get("/brands");
	}

	@PostMapping("/api/admin/catalog/rebuild")
	ResponseEntity<String> rebuild() {
		return this.catalog.post("/admin/rebuild");
	}

	@GetMapping("/api/items")
	ResponseEntity<String> items() {
		String query = ServletUriComponentsBuilder.fromCurrentRequest().build().getQuery();
		return this.catalog.get("/items" + ((query != null) ? "?" + query : ""));
	}

}
