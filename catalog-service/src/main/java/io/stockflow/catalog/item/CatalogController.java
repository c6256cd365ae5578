package io.stockflow.catalog.item;

import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The read model over HTTP, for the gateway (never public itself). */
@RestController
class CatalogController {

	private final ItemLookup lookup;

	private final CatalogItems items;

	CatalogController(ItemLookup lookup, CatalogItems items) {
		this.lookup = lookup;
		this.items = items;
	}

	@GetMapping("/items/{sku}")
	CatalogItem item(@PathVariable String sku) {
		return this.lookup.find(sku)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No item with sku " + sku));
	}

	@GetMapping("/items")
	Page<CatalogItem> items(@Valid ItemQuery query) {
		return this.items.search(query);
	}

	@GetMapping("/brands")
	List<BrandCount> brands() {
		return this.items.brands();
	}

}
