package io.stockflow.system;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the operating system (Debian's {@code chromium} and
 * {@code chromium-driver}), driven through its own chromedriver: nothing is downloaded,
 * Selenium Manager is never asked. Each browser has a fresh profile.
 */
final class Browser implements AutoCloseable {

	/** Where the screenshots go: {@code system-tests/target/screenshots/}. */
	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final List<String> BINARIES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
			"/usr/bin/google-chrome");

	private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

	private final WebDriver driver;

	private final String base;

	private final Path profile;

	private Browser(WebDriver driver, String base, Path profile) {
		this.driver = driver;
		this.base = base;
		this.profile = profile;
	}

	/**
	 * @param base the gateway's address, such as {@code http://127.0.0.1:18080}
	 * @return a browser with a fresh profile at desktop size (1366×900)
	 */
	static Browser open(String base) {
		String binary = firstExisting(BINARIES, "CHROME_BIN");
		String chromedriver = firstExisting(DRIVERS, "CHROMEDRIVER");
		if (binary == null || chromedriver == null) {
			throw new IllegalStateException(
					"No browser for the web UI tests: found chromium " + binary + " and chromedriver " + chromedriver
							+ ". Install Debian's chromium and chromium-driver (./stockflow infra does so as root), "
							+ "or point CHROME_BIN and CHROMEDRIVER at them.");
		}
		try {
			Path profile = Files.createTempDirectory("stockflow-chromium");
			ChromeOptions options = new ChromeOptions().setBinary(binary)
				.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
						"--disable-background-networking", "--disable-component-update", "--disable-sync",
						"--disable-dev-shm-usage", "--window-size=1366,900", "--user-data-dir=" + profile);
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(new File(chromedriver))
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
			Browser browser = new Browser(driver, base, profile);
			browser.resize(1366, 900);
			return browser;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String firstExisting(List<String> candidates, String variable) {
		String chosen = System.getenv(variable);
		if (chosen != null && !chosen.isBlank()) {
			return Files.isExecutable(Path.of(chosen)) ? chosen : null;
		}
		return candidates.stream().filter((c) -> Files.isExecutable(Path.of(c))).findFirst().orElse(null);
	}

	/**
	 * @param path a path of the gateway
	 * @return this
	 */
	Browser go(String path) {
		this.driver.get(this.base + path);
		return this;
	}

	WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	List<WebElement> findAll(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	/**
	 * Types into a field, replacing what it held.
	 * @param css the field
	 * @param text the text
	 * @return this
	 */
	Browser type(String css, String text) {
		WebElement field = find(css);
		field.clear();
		field.sendKeys(text);
		return this;
	}

	Browser click(String css) {
		find(css).click();
		return this;
	}

	/**
	 * Clicks a button that submits a whole page's form, and waits for the page that
	 * answers: a click may return before the browser has left the page, and the next step
	 * would then read (or type into) the old one.
	 * @param css the button
	 * @return this
	 */
	Browser submit(String css) {
		WebElement page = find("html");
		find(css).click();
		WebDriverWait wait = new WebDriverWait(this.driver, Duration.ofSeconds(60));
		wait.until(ExpectedConditions.stalenessOf(page));
		wait.until((driver) -> "complete".equals(script("return document.readyState")));
		return this;
	}

	String path() {
		String url = this.driver.getCurrentUrl();
		return (url != null) ? url.substring(this.base.length()) : "";
	}

	String text(String css) {
		return find(css).getText();
	}

	Object script(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	WebDriver driver() {
		return this.driver;
	}

	/**
	 * Signs in on the sign-in page.
	 * @param username the user name
	 * @param password the password
	 * @return this
	 */
	Browser signIn(String username, String password) {
		go("/login").type("#username", username).type("#password", password).click("button[type=submit]");
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> !path().startsWith("/login") || !findAll(".alert.error").isEmpty());
		if (path().startsWith("/login")) {
			throw new IllegalStateException("sign-in as " + username + " failed: " + text(".alert.error"));
		}
		return this;
	}

	/**
	 * Saves the page at desktop (1366×900) and phone (390×844) width as
	 * {@code <name>-desktop.png} and {@code <name>-phone.png}.
	 * @param name the page's name
	 */
	void screenshots(String name) {
		shoot(name + "-desktop", 1366, 900);
		shoot(name + "-phone", 390, 844);
		resize(1366, 900);
	}

	private void shoot(String name, int width, int height) {
		resize(width, height);
		try {
			Files.createDirectories(SCREENSHOTS);
			byte[] png = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES);
			Files.write(SCREENSHOTS.resolve(name + ".png"), png);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Sets the size of the page's viewport (not of the window around it). */
	private void resize(int width, int height) {
		this.driver.manage().window().setSize(new Dimension(width, height));
		Long innerWidth = (Long) script("return window.innerWidth;");
		Long innerHeight = (Long) script("return window.innerHeight;");
		this.driver.manage()
			.window()
			.setSize(
					new Dimension(width + (width - innerWidth.intValue()), height + (height - innerHeight.intValue())));
	}

	@Override
	public void close() {
		this.driver.quit();
		try (var files = Files.walk(this.profile)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((f) -> f.toFile().delete());
		}
		catch (IOException ex) {
			// a profile left in the temp directory is harmless
		}
	}

}
