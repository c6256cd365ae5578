package io.stockflow.gateway.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import io.stockflow.gateway.internal.ServiceClient;

/**
 * Catalogue reads, answered by the read side (catalog-service), never by inventory; and
 * the admin's rebuild of that read side from the event log.
 */
@RestController
class CatalogController {

	/** Filter names are plain words; anything else (a "{", say) is not passed on. */
	private static final Pattern FILTER_NAME = Pattern.compile("[A-Za-z]{1,32}");

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

	/**
	 * Passes the filters on as they were meant (decoded), each as a URI variable, so that
	 * the client encodes them exactly once: {@code q=titan%20edge} stays two words.
	 * @param parameters the request's query parameters
	 * @return the catalogue's page of items
	 */
	@GetMapping("/api/items")
	ResponseEntity<String> items(@RequestParam MultiValueMap<String, String> parameters) {
		UriComponentsBuilder template = UriComponentsBuilder.fromPath("/items");
		List<String> values = new ArrayList<>();
		parameters.entrySet()
			.stream()
			.filter((parameter) -> FILTER_NAME.matcher(parameter.getKey()).matches())
			.forEach((parameter) -> parameter.getValue().forEach((value) -> {
				template.queryParam(parameter.getKey(), "{v" + values.size() + "}");
				values.add(value);
			}));
		return this.catalog.get(template.build().toUriString(), values.toArray());
	}

}
