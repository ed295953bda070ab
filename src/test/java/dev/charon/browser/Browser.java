package dev.charon.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through /usr/bin/chromedriver. Both paths are given, so
 * Selenium Manager never tries to download a browser (the network here is closed).
 */
public final class Browser implements AutoCloseable {
  static final String CHROMIUM = System.getProperty("charon.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("charon.chromedriver", "/usr/bin/chromedriver");

  public final String name;
  public final ChromeDriver driver;
  private final Path profile;

  public Browser(String name) throws IOException {
    this(name, new String[0]);
  }

  /** @param extraArguments more Chromium switches: software WebGL for the 3D map, {@code --ignore-certificate-errors} */
  public Browser(String name, String... extraArguments) throws IOException {
    this.name = name;
    this.profile = Files.createTempDirectory("charon-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    // Root without a display (STACK.md trap 8), and nothing that reaches for the network.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--disable-features=Translate,MediaRouter", "--window-size=1400,900",
        "--user-data-dir=" + profile);
    options.addArguments(extraArguments);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  public Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  public <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout, Duration.ofMillis(25)).withMessage(what).until(condition);
  }

  /**
   * Sets the CSS viewport itself (a window size would include the browser's chrome), the device's
   * pixel ratio, and touch (a phone or tablet: touch events, no mouse hover) or not.
   */
  public void emulate(int widthPx, int heightPx, double deviceScaleFactor, boolean touch) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", widthPx, "height", heightPx,
        "deviceScaleFactor", deviceScaleFactor, "mobile", touch));
    driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", java.util.Map.of("enabled", touch, "maxTouchPoints",
        touch ? 5 : 1));
  }

  /** Opens the login page at `url` (its `?next=` says where it leads) and logs in through its form. */
  public void logIn(java.net.URI url, String username, String password) {
    driver.get(url.toString());
    await("the login form", Duration.ofSeconds(15), d -> !d.findElements(By.name("username")).isEmpty());
    driver.findElement(By.name("username")).sendKeys(username);
    driver.findElement(By.name("password")).sendKeys(password);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
  }

  public Path screenshot(Path dir, String label) {
    try {
      Files.createDirectories(dir);
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Path target = dir.resolve(label + "-" + name + ".png");
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (Exception e) {
      return null;
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var walk = Files.walk(profile)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temp profile left behind is harmless
      }
    }
  }
}
