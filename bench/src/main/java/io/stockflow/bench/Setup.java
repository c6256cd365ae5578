package io.stockflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * What the runs need in the system: the bench items (imported as one CSV, which also
 * resets their stock), the hot sku's stock before a flash sale, and signed-in customers.
 */
final class Setup {

	static final String CUSTOMER_PASSWORD = "bench-customer-password";

	private static final String HEADER = "sku,brand,model,description,price,location,quantity";

	private final BenchSettings settings;

	private final Api api;

	private int signInRound;

	Setup(BenchSettings settings, Api api) {
		this.settings = settings;
		this.api = api;
	}

	/**
	 * Imports the bench items with plenty of stock (and the hot sku with the given stock)
	 * and waits until the catalogue serves them.
	 * @return the skus of the plentiful items
	 */
	List<String> items(int hotStock) {
		List<String> skus = new ArrayList<>();
		StringBuilder csv = new StringBuilder(HEADER).append('\n');
		for (int i = 0; i < this.settings.skus(); i++) {
			String sku = String.format("%s%05d", Bench.SKU_PREFIX, i);
			skus.add(sku);
			csv.append(row(sku, 10_000_000));
		}
		csv.append(row(Bench.HOT_SKU, hotStock));
		Bench.say("setup", "importing " + (skus.size() + 1) + " bench items");
		importAndWait(csv.toString());
		awaitCatalog(skus.get(skus.size() - 1), 10_000_000);
		awaitCatalog(Bench.HOT_SKU, hotStock);
		return skus;
	}

	/**
	 * Sets the hot sku's stock again (a CSV row of its own) and waits for the catalogue.
	 */
	void resetHotStock(int stock) {
		importAndWait(HEADER + "\n" + row(Bench.HOT_SKU, stock));
		awaitCatalog(Bench.HOT_SKU, stock);
	}

	/** Registers (once) and signs in the bench's customers. */
	List<String> customers() {
		int count = this.settings.quick() ? 100 : 200;
		Bench.say("setup", "signing in " + count + " customers (registered once)");
		return this.api.customerTokens(count, CUSTOMER_PASSWORD, this.signInRound++);
	}

	Path skuFile(List<String> skus) {
		return References.writeLines(this.settings.home().resolve("var/bench/skus.txt"), skus);
	}

	private static String row(String sku, int quantity) {
		return sku + ",Bench,Load " + sku + ",An item of the benchmark,10.00,bench-1," + quantity + "\n";
	}

	private void importAndWait(String csv) {
		String token = this.api.signIn(this.settings.adminUsername(), this.settings.adminPassword());
		String command = this.api.importCsv(token, csv);
		await("import " + command + " applied", Duration.ofMinutes(3), () -> {
			JsonNode status = this.api.getJson(token, "/api/admin/commands/" + command);
			String value = (status != null) ? status.get("status").asString() : "";
			if ("REJECTED".equals(value)) {
				throw new IllegalStateException("the bench import was rejected: " + status);
			}
			return "APPLIED".equals(value);
		});
	}

	private void awaitCatalog(String sku, long available) {
		await("catalogue shows " + sku + " with " + available, Duration.ofMinutes(3), () -> {
			JsonNode item = this.api.getJson(null, "/api/items/" + sku);
			return item != null && item.get("available").asLong() == available;
		});
	}

	private static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
		long end = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > end) {
				throw new IllegalStateException("timed out waiting until " + what);
			}
			OrderRun.sleep(200);
		}
	}

}
