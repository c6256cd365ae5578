package io.stockflow.gateway.catalog;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Catalogue reads, answered by the read side (catalog-service), never by inventory. */
@RestController
class CatalogController {

	private final CatalogClient catalog;

	CatalogController(CatalogClient catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/api/items/{sku}")
	ResponseEntity<String> item(@PathVariable String sku) {
		return this.catalog.get("/items/{sku}", sku);
	}

	@GetMapping("/api/items")
	ResponseEntity<String> items() {
		String query = ServletUriComponentsBuilder.fromCurrentRequest().build().getQuery();
		return this.catalog.get("/items" + ((query != null) ? "?" + query : ""));
	}

}
