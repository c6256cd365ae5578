package io.stockflow.catalog.item;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import io.stockflow.contracts.inventory.ItemAdded;
import io.stockflow.contracts.inventory.ItemRemoved;
import io.stockflow.contracts.inventory.StockLevel;
import io.stockflow.testing.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Full-text and typo-tolerant search and the brand list, over items projected straight
 * through {@link CatalogProjection}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogSearchIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("catalogsearch");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
	}

	static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	@Autowired
	CatalogProjection projection;

	@LocalServerPort
	int port;

	@BeforeAll
	void catalogue() {
		add("TIT-1", "Titan", "Edge", "Slim steel watch", "120");
		add("TIT-2", "Titan", "Raga", "Gold plated watch for women", "90");
		add("CAS-1", "Casio", "G-Shock", "Rugged watch, a titan among sports watches", "150");
		add("FOS-1", "Fossil", "Grant", "Leather chronograph", "200");
		add("GONE-1", "Rolex", "Edge", "Removed", "5000");
		this.projection.on(new ItemRemoved("GONE-1", 2));
	}

	@Test
	void findsWordsDespiteAWrongMissingOrSwappedLetter() {
		assertThat(skus("/items?q=tittan&sort=sku,asc")).containsExactly("TIT-1", "TIT-2");
		assertThat(skus("/items?q=edg")).containsExactly("TIT-1");
		assertThat(skus("/items?q=egde")).containsExactly("TIT-1");
		assertThat(skus("/items?q=fosil granT")).containsExactly("FOS-1");
	}

	@Test
	void findsWordsOfTheDescriptionByFullText() {
		assertThat(skus("/items?q=chronograph")).containsExactly("FOS-1");
		assertThat(skus("/items?q=\"plated watch\"")).containsExactly("TIT-2");
		assertThat(skus("/items?q=watch -gold&sort=sku,asc")).containsExactly("CAS-1", "TIT-1");
	}

	@Test
	void ranksNameMatchesAboveDescriptionMatchesWhenNoSortIsAsked() {
		List<Object> byRelevance = skus("/items?q=titan");
		List<Object> byPrice = skus("/items?q=titan&sort=price,desc");

		assertThat(byRelevance).hasSize(3).endsWith("CAS-1");
		assertThat(byPrice).containsExactly("CAS-1", "TIT-1", "TIT-2");
	}

	@Test
	void combinesSearchWithFilters() {
		assertThat(skus("/items?q=watch&brand=Titan&maxPrice=100")).containsExactly("TIT-2");
	}

	@Test
	void listsBrandsWithTheirItemCountsLeavingOutRemovedItems() {
		List<Object> brands = client().get().uri("/brands").retrieve().body(List.class);

		assertThat(brands).containsExactly(Map.of("brand", "Casio", "count", 1), Map.of("brand", "Fossil", "count", 1),
				Map.of("brand", "Titan", "count", 2));
	}

	private void add(String sku, String brand, String model, String description, String price) {
		this.projection.on(new ItemAdded(sku, brand, model, description, new BigDecimal(price), null,
				List.of(new StockLevel("blr-1", 3)), 1));
	}

	private List<Object> skus(String uri) {
		Map<String, Object> page = client().get().uri(uri).retrieve().body(JSON_OBJECT);
		return ((List<?>) page.get("items")).stream().map((i) -> (Object) ((Map<?, ?>) i).get("sku")).toList();
	}

	private RestClient client() {
		return RestClient.create("http://127.0.0.1:" + this.port);
	}

}
