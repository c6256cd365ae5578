package io.stockflow.catalog.item;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Filters, sorting and paging of {@code GET /items}.
 *
 * @param q words to look for in sku, brand, model and description, typos forgiven
 * @param brand exact brand
 * @param minPrice lowest price
 * @param maxPrice highest price
 * @param inStock only items with units available
 * @param sort {@code price,asc}, {@code price,desc}, {@code brand,asc} …; without it, by
 * relevance when {@code q} is given, else by sku
 * @param page zero-based page
 * @param size page size, at most 200
 */
public record ItemQuery(@Size(max = 200) String q, @Size(max = 100) String brand, @DecimalMin("0") BigDecimal minPrice,
		@DecimalMin("0") BigDecimal maxPrice, Boolean inStock,
		@Pattern(regexp = "(price|brand|model|sku|available),(asc|desc)") String sort, @Min(0) Integer page,
		@Min(1) @Max(200) Integer size) {

	public ItemQuery {
		q = (q != null && !q.isBlank()) ? q.strip() : null;
		page = (page != null) ? page : 0;
		size = (size != null) ? size : 20;
	}

	boolean byRelevance() {
		return this.q != null && this.sort == null;
	}

	/**
	 * @return the SQL order of a requested sort, sku breaking ties
	 */
	String orderBy() {
		if (this.sort == null) {
			return "sku asc";
		}
		String[] parts = this.sort.split(",");
		return parts[0] + " " + parts[1] + ", sku asc";
	}

}
