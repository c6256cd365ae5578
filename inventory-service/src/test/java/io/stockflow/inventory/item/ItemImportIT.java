package io.stockflow.inventory.item;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.inventory.ImportItems;
import io.stockflow.contracts.inventory.ImportedItem;
import io.stockflow.contracts.inventory.StockLevel;
import io.stockflow.inventory.support.InventoryTestClient;
import io.stockflow.testing.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk import: all or nothing, only differences applied, the same file twice changes
 * nothing.
 */
@SpringBootTest
class ItemImportIT {

	private static final Logger log = LoggerFactory.getLogger(ItemImportIT.class);

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("inventory-import");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
	}

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	JdbcClient jdbc;

	@Test
	void importsTenThousandRowsAndTheSameFileAgainChangesNothing() {
		InventoryTestClient inventory = new InventoryTestClient(this.rabbit, this.jdbc);
		List<ImportedItem> items = new ArrayList<>();
		for (int i = 0; i < 5000; i++) {
			items.add(new ImportedItem("IMP-" + i, "Brand" + (i % 40), "Model " + i, "", new BigDecimal("10.00"),
					List.of(new StockLevel("blr-1", i % 50), new StockLevel("del-2", 3))));
		}

		long started = System.nanoTime();
		String first = inventory.sendAndAwait(RoutingKeys.ITEM_IMPORT, new ImportItems(items));
		long firstMillis = (System.nanoTime() - started) / 1_000_000;
		int ledgerAfterFirst = count("select count(*) from stock_ledger where sku like 'IMP-%'");
		int eventsAfterFirst = count("select count(*) from outbox where type <> 'CommandApplied'");
		String again = inventory.sendAndAwait(RoutingKeys.ITEM_IMPORT, new ImportItems(items));
		log.info("Import of 10,000 rows (5,000 items x 2 locations) applied in {} ms", firstMillis);

		assertThat(first).isEqualTo("CommandApplied");
		assertThat(again).isEqualTo("CommandApplied");
		assertThat(count("select count(*) from item where sku like 'IMP-%'")).isEqualTo(5000);
		assertThat(count("select count(*) from stock where sku like 'IMP-%'")).isEqualTo(10000);
		assertThat(ledgerAfterFirst).isEqualTo(10000);
		assertThat(count("select count(*) from stock_ledger where sku like 'IMP-%'")).isEqualTo(ledgerAfterFirst);
		assertThat(count("select count(*) from outbox where type <> 'CommandApplied'")).isEqualTo(eventsAfterFirst);
	}

	@Test
	void importUpdatesOnlyWhatDiffersAndKeepsTheImage() {
		InventoryTestClient inventory = new InventoryTestClient(this.rabbit, this.jdbc);
		inventory.sendAndAwait(RoutingKeys.ITEM_ADD, InventoryTestClient.item("DIFF-1", 4, 4));
		this.jdbc.sql("update item set image_url = 'https://img.example/d1.png' where sku = 'DIFF-1'").update();

		String outcome = inventory.sendAndAwait(RoutingKeys.ITEM_IMPORT,
				new ImportItems(List.of(new ImportedItem("DIFF-1", "Titan", "Edge", "Slim steel watch",
						new BigDecimal("89.00"), List.of(new StockLevel("blr-1", 4), new StockLevel("del-2", 9))))));

		assertThat(outcome).isEqualTo("CommandApplied");
		assertThat(inventory.events("ItemUpdated", "DIFF-1")).isEqualTo(1);
		assertThat(inventory.events("StockChanged", "DIFF-1")).isEqualTo(1);
		assertThat(inventory.level("DIFF-1", "del-2")).isEqualTo(9);
		assertThat(this.jdbc.sql("select image_url from item where sku = 'DIFF-1'").query(String.class).single())
			.isEqualTo("https://img.example/d1.png");
	}

	@Test
	void anInvalidItemRejectsTheWholeImport() {
		InventoryTestClient inventory = new InventoryTestClient(this.rabbit, this.jdbc);

		var command = inventory.send(RoutingKeys.ITEM_IMPORT,
				new ImportItems(List.of(
						new ImportedItem("OK-1", "Titan", "Edge", "", new BigDecimal("1"),
								List.of(new StockLevel("blr-1", 1))),
						new ImportedItem("BAD-1", "", "Edge", "", new BigDecimal("1"), List.of()))));

		String outcome = org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> inventory.outcome(command), (o) -> !o.isEmpty());
		assertThat(outcome).isEqualTo("CommandRejected");
		assertThat(inventory.reason(command)).isEqualTo("nothing imported: BAD-1: brand must be 1 to 100 characters");
		assertThat(count("select count(*) from item where sku = 'OK-1'")).isZero();
	}

	private int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

}
