package io.stockflow.gateway.web.shop;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShopQueryTests {

	@Test
	void passesEachFilterToTheCatalogueAsAValue() {
		ShopQuery query = new ShopQuery(" titan edge ", "Ti&tan", new BigDecimal("10"), new BigDecimal("99.50"), true,
				"price,desc", 2);

		assertThat(query.catalogTemplate()).isEqualTo("/items?page={page}&size={size}&q={q}&brand={brand}"
				+ "&minPrice={minPrice}&maxPrice={maxPrice}&inStock={inStock}&sort={sort}");
		assertThat(query.catalogValues()).containsExactly(2, 12, "titan edge", "Ti&tan", "10", "99.50", "true",
				"price,desc");
		assertThat(query.pageLink(3)).contains("page=3").contains("brand=Ti%26tan").startsWith("/?");
	}

	@Test
	void leavesOutEmptyFiltersAndUnknownSortOrders() {
		ShopQuery query = new ShopQuery("", null, null, null, false, "password,asc", 0);

		assertThat(query.catalogTemplate()).isEqualTo("/items?page={page}&size={size}");
		assertThat(query.catalogValues()).containsExactly(0, 12);
		assertThat(query.filtered()).isFalse();
	}

}
