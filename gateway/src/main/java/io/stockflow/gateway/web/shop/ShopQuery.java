package io.stockflow.gateway.web.shop;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The shop's search, filters, sorting and page, as in the address bar.
 *
 * @param q search words (typos forgiven)
 * @param brand one brand, or blank
 * @param minPrice lowest price, or null
 * @param maxPrice highest price, or null
 * @param inStock only items that can be bought
 * @param sort one of {@link #SORTS}, or blank for relevance / sku
 * @param page the page, from 0
 */
public record ShopQuery(String q, String brand, BigDecimal minPrice, BigDecimal maxPrice, boolean inStock, String sort,
		int page) {

	/** Items on one page of the shop. */
	public static final int PAGE_SIZE = 12;

	/** The sort orders offered, with their labels. */
	public static final List<Sort> SORTS = List.of(new Sort("", "Best match"),
			new Sort("price,asc", "Price: low to high"), new Sort("price,desc", "Price: high to low"),
			new Sort("brand,asc", "Brand A–Z"), new Sort("available,desc", "Most available"));

	private static final Set<String> SORT_KEYS = Set.of("price,asc", "price,desc", "brand,asc", "available,desc");

	/**
	 * @return the catalogue's address for this query, a template whose values are
	 * {@link #catalogValues()}: the client encodes each value once, whatever it holds
	 */
	public String catalogTemplate() {
		StringBuilder template = new StringBuilder("/items?page={page}&size={size}");
		catalogParameters().keySet()
			.stream()
			.skip(2)
			.forEach((name) -> template.append('&').append(name).append("={").append(name).append('}'));
		return template.toString();
	}

	/**
	 * @return the values of {@link #catalogTemplate()}, in order
	 */
	public Object[] catalogValues() {
		return catalogParameters().values().toArray();
	}

	private java.util.Map<String, Object> catalogParameters() {
		java.util.Map<String, Object> parameters = new java.util.LinkedHashMap<>();
		parameters.put("page", Math.max(0, this.page));
		parameters.put("size", PAGE_SIZE);
		if (hasText(this.q)) {
			parameters.put("q", this.q.trim());
		}
		if (hasText(this.brand)) {
			parameters.put("brand", this.brand);
		}
		if (this.minPrice != null) {
			parameters.put("minPrice", this.minPrice.toPlainString());
		}
		if (this.maxPrice != null) {
			parameters.put("maxPrice", this.maxPrice.toPlainString());
		}
		if (this.inStock) {
			parameters.put("inStock", "true");
		}
		if (hasText(this.sort) && SORT_KEYS.contains(this.sort)) {
			parameters.put("sort", this.sort);
		}
		return parameters;
	}

	/**
	 * @param other a page number
	 * @return the shop's address of that page with the same filters
	 */
	public String pageLink(int other) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/");
		if (hasText(this.q)) {
			uri.queryParam("q", this.q);
		}
		if (hasText(this.brand)) {
			uri.queryParam("brand", this.brand);
		}
		if (this.minPrice != null) {
			uri.queryParam("minPrice", this.minPrice.toPlainString());
		}
		if (this.maxPrice != null) {
			uri.queryParam("maxPrice", this.maxPrice.toPlainString());
		}
		if (this.inStock) {
			uri.queryParam("inStock", "true");
		}
		if (hasText(this.sort)) {
			uri.queryParam("sort", this.sort);
		}
		uri.queryParam("page", other);
		return uri.encode().build().toUriString();
	}

	/**
	 * @return whether any filter is set
	 */
	public boolean filtered() {
		return hasText(this.q) || hasText(this.brand) || this.minPrice != null || this.maxPrice != null || this.inStock;
	}

	private static boolean hasText(String text) {
		return text != null && !text.isBlank();
	}

	/**
	 * @param key the catalogue's sort parameter, or blank
	 * @param label what the customer reads
	 */
	public record Sort(String key, String label) {
	}

}
