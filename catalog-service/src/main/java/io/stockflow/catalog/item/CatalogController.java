package io.stockflow.catalog.item;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
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

	/**
	 * Several items at once, for the gateway's near cache: those on sale of the skus
	 * asked for (unknown and removed ones are left out). Not under {@code /items/} so no
	 * sku can ever be mistaken for it.
	 */
	@GetMapping("/item-batch")
	List<CatalogItem> batch(@RequestParam("sku") @Size(max = 500) List<String> skus) {
		return skus.isEmpty() ? List.of() : this.items.bySku(skus);
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
