package io.stockflow.catalog.item;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import io.stockflow.contracts.inventory.ItemAdded;
import io.stockflow.contracts.inventory.ItemRemoved;
import io.stockflow.contracts.inventory.ItemUpdated;
import io.stockflow.contracts.inventory.StockChanged;
import io.stockflow.contracts.inventory.StockLevel;
import io.stockflow.testing.IsolatedInfrastructure;
import io.stockflow.testing.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Redis cache in front of {@code GET /items/{sku}}: written through by every
 * projection write, never serving an item older than the projection has applied, and
 * never failing a read when Redis is away. Redis is reached through a proxy whose link
 * the tests can cut.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ItemCacheIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("catalogcache");

	static final TcpProxy redisLink = proxyToRedis();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
		registry.add("spring.data.redis.port", redisLink::port);
	}

	static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	@Autowired
	CatalogProjection projection;

	@Autowired
	ItemCache cache;

	@Autowired
	CatalogItems items;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@AfterAll
	static void closeLink() {
		redisLink.close();
	}

	@Test
	void cachesARowReadWithItsRowVersion() {
		add("CACHE-1");

		Map<String, Object> read = item("CACHE-1");

		assertThat(read).containsEntry("model", "Edge");
		assertThat(cachedRowVersion("CACHE-1")).isEqualTo(rowVersion("CACHE-1"));
	}

	@Test
	void servesACachedItemWithoutTheDatabase() {
		add("CACHE-2");
		item("CACHE-2");

		this.jdbc.sql("update catalog_item set model = 'Changed behind the cache' where sku = 'CACHE-2'").update();

		assertThat(item("CACHE-2")).containsEntry("model", "Edge");
	}

	@Test
	void readsNewDetailsAndStockRightAfterTheyWereApplied() {
		add("CACHE-3");
		item("CACHE-3");

		this.projection.on(new ItemUpdated("CACHE-3", "Titan", "Edge Pro", "A watch", BigDecimal.TEN, null, 2));
		Map<String, Object> afterUpdate = item("CACHE-3");
		this.projection.on(new StockChanged("CACHE-3", "blr-1", 1, -4, "ADJUSTED", 2, null));
		Map<String, Object> afterStock = item("CACHE-3");

		assertThat(afterUpdate).containsEntry("model", "Edge Pro").containsEntry("version", 2);
		assertThat(afterStock).containsEntry("available", 1);
		assertThat(cachedRowVersion("CACHE-3")).isEqualTo(rowVersion("CACHE-3"));
	}

	@Test
	void aSlowReaderCannotPutBackAnOlderRow() {
		add("CACHE-4");
		ItemRow old = this.items.row("CACHE-4").orElseThrow();

		this.projection.on(new ItemUpdated("CACHE-4", "Titan", "Newer", "A watch", BigDecimal.TEN, null, 2));
		this.cache.offer(old);

		assertThat(item("CACHE-4")).containsEntry("model", "Newer");
	}

	@Test
	void answers404RightAfterTheRemovalOfACachedItem() {
		add("CACHE-5");
		item("CACHE-5");

		this.projection.on(new ItemRemoved("CACHE-5", 2));

		assertThat(status("CACHE-5")).isEqualTo(404);
	}

	@Test
	void readsFromTheDatabaseWhileRedisIsAwayAndNeverServesWhatItMissed() throws IOException {
		add("CACHE-6");
		item("CACHE-6");

		redisLink.cut();
		try {
			this.projection.on(new ItemUpdated("CACHE-6", "Titan", "While away", "A watch", BigDecimal.TEN, null, 2));
			assertThat(item("CACHE-6")).containsEntry("model", "While away");
		}
		finally {
			redisLink.restore();
		}

		List<Object> models = new CopyOnWriteArrayList<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			models.add(item("CACHE-6").get("model"));
			return Objects.equals(cachedRowVersion("CACHE-6"), rowVersion("CACHE-6"));
		});
		assertThat(models).containsOnly("While away");
	}

	@Test
	void answersSeveralItemsAtOnceLeavingOutUnknownAndRemovedOnes() {
		add("BATCH-1");
		add("BATCH-2");
		add("BATCH-3");
		this.projection.on(new ItemRemoved("BATCH-3", 2));

		List<Map<String, Object>> batch = client().get()
			.uri("/item-batch?sku={skus}", "BATCH-1,BATCH-2,BATCH-3,NO-SUCH-SKU")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});

		assertThat(batch).extracting((item) -> item.get("sku")).containsExactlyInAnyOrder("BATCH-1", "BATCH-2");
		assertThat(batch).contains(item("BATCH-1"), item("BATCH-2"));
	}

	private void add(String sku) {
		this.projection.on(new ItemAdded(sku, "Titan", "Edge", "A watch", BigDecimal.ONE, null,
				List.of(new StockLevel("blr-1", 5)), 1));
	}

	private Long cachedRowVersion(String sku) {
		Object v = this.redis.opsForHash().get(this.cache.key(sku), "v");
		return (v != null) ? Long.valueOf((String) v) : null;
	}

	private long rowVersion(String sku) {
		return this.jdbc.sql("select row_version from catalog_item where sku = ?")
			.param(sku)
			.query(Long.class)
			.single();
	}

	private Map<String, Object> item(String sku) {
		return client().get().uri("/items/{sku}", sku).retrieve().body(JSON_OBJECT);
	}

	private int status(String sku) {
		return client().get().uri("/items/{sku}", sku).exchange((req, res) -> res.getStatusCode().value());
	}

	private RestClient client() {
		return RestClient.create("http://127.0.0.1:" + this.port);
	}

	private static TcpProxy proxyToRedis() {
		try {
			return new TcpProxy(6379);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
