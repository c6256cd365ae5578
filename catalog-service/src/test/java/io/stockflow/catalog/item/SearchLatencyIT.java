package io.stockflow.catalog.item;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import io.stockflow.testing.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures {@code GET /items?q=<typo>} over 10,000 items and logs median and p99. Reports
 * figures only; timing is not asserted, since it depends on the machine.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SearchLatencyIT {

	private static final Logger log = LoggerFactory.getLogger(SearchLatencyIT.class);

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("catalogsearchlatency");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
	}

	private static final String[] BRANDS = { "Titan", "Casio", "Fossil", "Timex", "Seiko", "Citizen", "Sonata",
			"Fastrack", "Tissot", "Garmin" };

	private static final String[] MODELS = { "Edge", "Raga", "Octane", "Neo", "Karishma", "Grant", "Prime", "Aqua",
			"Regalia", "Legend", "Chrono", "Pilot" };

	private static final String[] TYPOS = { "tittan", "egde", "casoi", "fosil grnat", "seikko", "karishmaa", "chrnoo",
			"regalai" };

	@Autowired
	JdbcTemplate jdbc;

	@LocalServerPort
	int port;

	@Test
	void measuresTypoSearchLatencyOverTenThousandItems() {
		insertItems(10_000);
		RestClient client = RestClient.create("http://127.0.0.1:" + this.port);
		for (int i = 0; i < 20; i++) {
			client.get().uri("/items?q={q}", TYPOS[i % TYPOS.length]).retrieve().body(String.class);
		}

		long[] micros = new long[200];
		for (int i = 0; i < micros.length; i++) {
			long start = System.nanoTime();
			client.get().uri("/items?q={q}", TYPOS[i % TYPOS.length]).retrieve().body(String.class);
			micros[i] = (System.nanoTime() - start) / 1000;
		}

		Arrays.sort(micros);
		log.info("GET /items?q=<typo> over 10,000 items, 200 queries: median {} ms, p99 {} ms, max {} ms",
				micros[100] / 1000.0, micros[197] / 1000.0, micros[199] / 1000.0);
		assertThat(micros[0]).isPositive();
	}

	private void insertItems(int count) {
		Random random = new Random(42);
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String brand = BRANDS[random.nextInt(BRANDS.length)];
			String model = MODELS[random.nextInt(MODELS.length)] + " " + (100 + random.nextInt(900));
			rows.add(new Object[] { "SKU-" + i, brand, model, brand + " " + model + " watch, stainless steel",
					random.nextInt(50_000) / 100.0, random.nextInt(20) });
		}
		long start = System.nanoTime();
		this.jdbc.batchUpdate("""
				insert into catalog_item (sku, brand, model, description, price, available, version)
				values (?, ?, ?, ?, ?, ?, 1)""", rows);
		this.jdbc.execute("analyze catalog_item");
		log.info("Inserted {} items in {} ms", count, (System.nanoTime() - start) / 1_000_000);
	}

}
