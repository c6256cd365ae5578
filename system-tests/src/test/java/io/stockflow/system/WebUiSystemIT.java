package io.stockflow.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web UI in a real browser (headless Chromium of the operating system) against the
 * running system: a customer registers, signs in, searches, buys and sees the order's
 * status change live; a buy beyond the stock shows why it was rejected; an admin adds an
 * item, changes its stock and deletes it, each visible in the shop; the pages need a
 * session and the admin pages the role. Every page is saved as a screenshot at desktop
 * and phone width under {@code target/screenshots/}. The health page shows a stopped
 * service DOWN without a reload.
 */
class WebUiSystemIT {

	static Stockflow stockflow;

	static String admin;

	static Browser browser;

	@BeforeAll
	static void start() {
		stockflow = Stockflow.system();
		admin = stockflow.adminToken();
		browser = Browser.open("http://127.0.0.1:" + Stockflow.PORT_BASE);
		// a few items so that the shop's screenshots show a shop
		long run = System.nanoTime() % 100_000;
		addItem("DEMO-AURA-" + run, "Aurora", "Daybreak 38", "149.00", 42);
		addItem("DEMO-KITE-" + run, "Kestrel", "Field Chrono", "219.50", 4);
		addItem("DEMO-MIRA-" + run, "Mirador", "Slim Quartz", "64.99", 0);
		addItem("DEMO-PIKE-" + run, "Pinnacle", "Diver 200", "329.00", 17);
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void aCustomerRegistersSignsInSearchesBuysAndSeesTheOrderConfirmedLive() {
		String sku = "WEB-BUY-" + System.nanoTime();
		addItem(sku, "Zenithia", "Chronograph", "89.90", 20);
		String customer = "web" + (System.nanoTime() % 1_000_000_000L);

		browser.go("/register").type("#username", customer).type("#password", "short").type("#confirm", "other");
		browser.submit("button[type=submit]");
		assertThat(browser.text("#password-error")).contains("8 to 128 characters");
		assertThat(browser.text("#confirm-error")).contains("does not match");
		browser.screenshots("register-errors");
		browser.type("#password", "web-password-1").type("#confirm", "web-password-1").submit("button[type=submit]");
		assertThat(browser.path()).startsWith("/login");
		assertThat(browser.text(".alert.success")).contains(customer);
		browser.screenshots("login-after-register");
		browser.type("#password", "web-password-1").submit("button[type=submit]");
		browser.type("#q", "zenitha").submit(".filters button[type=submit]");
		WebElement card = browser.find("[data-sku='" + sku + "']");
		assertThat(card.getText().toLowerCase()).contains("zenithia", "chronograph", "89.90", "20 available");
		browser.screenshots("shop-search");
		browser.type("#q", "Zenithia chronograph").submit(".filters button[type=submit]");
		assertThat(browser.findAll("[data-sku='" + sku + "']")).hasSize(1);

		stockflow.launcher("stop", "inventory-service");
		try {
			browser.type("#qty-" + sku, "2").submit("[data-sku='" + sku + "'] .buy button");
			assertThat(browser.path()).startsWith("/orders");
			waitAtMost(Stockflow.patience()).until(() -> statusBadge().equals("PENDING"));
			browser.script("window.stockflowNoReload = true;");
			browser.screenshots("orders-pending");
		}
		finally {
			stockflow.launcher("start", "inventory-service");
		}

		waitAtMost(Stockflow.patience()).until(() -> statusBadge().equals("CONFIRMED"));
		assertThat(browser.script("return window.stockflowNoReload === true;")).isEqualTo(true);
		waitAtMost(Duration.ofSeconds(10)).until(() -> browser.text(".order").contains("Total 179.80"));
		browser.screenshots("orders-confirmed");
	}

	@Test
	void aBuyBeyondTheStockShowsTheRejectionReason() {
		String sku = "WEB-SHORT-" + System.nanoTime();
		addItem(sku, "Sparrow", "Pocket", "15.00", 3);
		String customer = "short" + (System.nanoTime() % 1_000_000_000L);
		stockflow.newCustomerToken(customer);

		browser.signIn(customer, customer + "-password");
		browser.go("/?q=" + sku).type("#qty-" + sku, "5").submit("[data-sku='" + sku + "'] .buy button");

		waitAtMost(Stockflow.patience()).until(() -> statusBadge().equals("REJECTED"));
		waitAtMost(Duration.ofSeconds(10))
			.until(() -> browser.text(".order .rejection").contains("you asked for 5, 3 available"));
		assertThat(browser.text(".order .rejection")).contains("Rejected");
		browser.screenshots("orders-rejected");
		browser.go("/no-such-page");
		assertThat(browser.text("h1")).contains("can't find that page");
		browser.screenshots("not-found");
	}

	@Test
	void anAdminAddsAnItemAdjustsItsStockAndDeletesIt() {
		String sku = "WEB-ADMIN-" + System.nanoTime();
		browser.signIn(stockflow.adminUsername(), stockflow.secret("STOCKFLOW_ADMIN_PASSWORD"));
		browser.go("/admin");
		browser.click("#add-form button[type=submit]");
		waitAtMost(Duration.ofSeconds(10)).until(() -> !browser.findAll("#add-sku-error").isEmpty());
		browser.screenshots("admin-add-errors");

		browser.type("#add-sku", sku)
			.type("#add-price", "120.00")
			.type("#add-brand", "Orbis")
			.type("#add-model", "Navigator")
			.type("#add-description", "Dive watch with a rotating bezel")
			.type("#add-location-0", "blr-1")
			.type("#add-quantity-0", "4")
			.type("#add-location-1", "del-2")
			.type("#add-quantity-1", "6")
			.click("#add-form button[type=submit]");
		awaitToast("AddItem " + sku, "APPLIED");
		browser.screenshots("admin-toast-applied");
		waitAtMost(Stockflow.patience()).until(() -> shopCard(sku).contains("10 available"));
		browser.screenshots("shop-new-item");

		browser.go("/admin?q=" + sku);
		waitAtMost(Duration.ofSeconds(10)).until(() -> !browser.findAll(adminItem(sku)).isEmpty());
		browser.click(adminItem(sku) + " details.action:nth-of-type(2) summary")
			.type(adminItem(sku) + " input[name=amount]", "-3")
			.click(adminItem(sku) + " details.action:nth-of-type(2) button[type=submit]");
		awaitToast("ChangeStock " + sku, "APPLIED");
		browser.click(adminItem(sku) + " details.action:nth-of-type(3) summary");
		waitAtMost(Duration.ofSeconds(10)).until(() -> browser.text(adminItem(sku) + " .history").contains("ADJUST"));
		browser.screenshots("admin-stock-history");
		waitAtMost(Stockflow.patience()).until(() -> shopCard(sku).contains("7 available"));

		browser.go("/admin?q=" + sku);
		waitAtMost(Duration.ofSeconds(10)).until(() -> !browser.findAll(adminItem(sku)).isEmpty());
		browser.click(adminItem(sku) + " form.delete button");
		waitAtMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
			browser.driver().switchTo().alert().accept();
			return true;
		});
		awaitToast("RemoveItem " + sku, "APPLIED");
		waitAtMost(Stockflow.patience())
			.until(() -> browser.go("/?q=" + sku).findAll("[data-sku='" + sku + "']").isEmpty());
		browser.screenshots("shop-after-delete");
		browser.go("/admin");
		browser.screenshots("admin");
		browser.go("/");
		browser.screenshots("shop");
	}

	@Test
	void pagesNeedASessionAndAdminPagesTheAdminRole() {
		RestClient http = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory(java.net.http.HttpClient.newBuilder()
				.followRedirects(java.net.http.HttpClient.Redirect.NEVER)
				.build()))
			.baseUrl("http://127.0.0.1:" + Stockflow.PORT_BASE)
			.build();
		for (String page : List.of("/", "/orders", "/admin", "/admin/items")) {
			Map.Entry<Integer, String> answer = http.get()
				.uri(page)
				.header("Accept", "text/html")
				.exchange((req, res) -> Map.entry(res.getStatusCode().value(),
						String.valueOf(res.getHeaders().getLocation())));
			assertThat(answer.getKey()).as(page).isEqualTo(302);
			assertThat(answer.getValue()).as(page).endsWith("/login");
		}
		browser.go("/login");
		browser.driver().manage().deleteAllCookies();
		browser.go("/admin");
		assertThat(browser.path()).startsWith("/login");
		browser.screenshots("login");

		String customer = "nosy" + (System.nanoTime() % 1_000_000_000L);
		stockflow.newCustomerToken(customer);
		browser.signIn(customer, customer + "-password").go("/admin");

		assertThat(browser.text("h1")).contains("not for your account");
		assertThat(browser.findAll("a[href='/admin']")).isEmpty();
		browser.screenshots("forbidden");
	}

	@Test
	void theHealthPageShowsAServiceDownAfterItIsStoppedAndTheMonitorUnreachable() {
		browser.signIn(stockflow.adminUsername(), stockflow.secret("STOCKFLOW_ADMIN_PASSWORD"));
		browser.go("/admin/health");
		waitAtMost(Stockflow.patience()).until(() -> "UP".equals(serviceStatus("catalog-service")));
		browser.script("window.stockflowNoReload = true;");
		browser.screenshots("health");

		stockflow.launcher("stop", "catalog-service");
		try {
			waitAtMost(Stockflow.patience()).until(() -> "DOWN".equals(serviceStatus("catalog-service")));
			assertThat(browser.script("return window.stockflowNoReload === true;")).isEqualTo(true);
			waitAtMost(Duration.ofSeconds(30)).until(() -> browser.text("#timeline").contains("catalog-service"));
			browser.screenshots("health-down");
		}
		finally {
			stockflow.launcher("start", "catalog-service");
		}
		waitAtMost(Stockflow.patience()).until(() -> "UP".equals(serviceStatus("catalog-service")));

		stockflow.launcher("stop", "health-monitor");
		try {
			waitAtMost(Duration.ofSeconds(30)).until(() -> !browser.findAll("[data-role=monitor-down]").isEmpty());
			browser.screenshots("health-monitor-unreachable");
		}
		finally {
			stockflow.launcher("start", "health-monitor");
		}
		waitAtMost(Stockflow.patience()).until(() -> browser.findAll("[data-role=monitor-down]").isEmpty()
				&& "UP".equals(serviceStatus("catalog-service")));
	}

	private static void addItem(String sku, String brand, String model, String price, int quantity) {
		stockflow.call("POST", "/api/admin/items", admin,
				Map.of("sku", sku, "brand", brand, "model", model, "description", "", "price", price, "stock",
						List.of(Map.of("location", "blr-1", "quantity", quantity))));
		waitAtMost(Stockflow.patience())
			.until(() -> stockflow.call("GET", "/api/items/" + sku, null, null).getStatusCode().value() == 200);
	}

	private static String serviceStatus(String service) {
		List<WebElement> cards = browser.findAll("[data-service='" + service + "']");
		return cards.isEmpty() ? null : cards.get(0).getAttribute("data-status");
	}

	/**
	 * Waits for the page: an element that htmx or the page's script replaced meanwhile is
	 * simply looked up again.
	 */
	private static ConditionFactory waitAtMost(Duration timeout) {
		return await().atMost(timeout)
			.ignoreExceptionsMatching(
					(ex) -> ex instanceof StaleElementReferenceException || ex instanceof NoSuchElementException);
	}

	private static String statusBadge() {
		return browser.text(".order [data-role=status]");
	}

	private static String adminItem(String sku) {
		return ".admin-item[data-sku='" + sku + "']";
	}

	/**
	 * The shop's card of an item, read afresh (the catalogue follows inventory shortly
	 * after).
	 */
	private static String shopCard(String sku) {
		List<WebElement> cards = browser.go("/?q=" + sku).findAll("[data-sku='" + sku + "']");
		return cards.isEmpty() ? "" : cards.get(0).getText();
	}

	private static void awaitToast(String text, String status) {
		waitAtMost(Stockflow.patience()).until(() -> browser.findAll(".toast")
			.stream()
			.anyMatch((t) -> t.getText().contains(text) && t.getText().contains(status)));
	}

}
