package dev.charon.browser;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Saves a screenshot of every open browser when a test fails, under target/browser-screenshots. */
public final class Screenshots implements TestWatcher {
  public static final Path DIR = Path.of(System.getProperty("charon.it.dir", "target/it")).getParent()
      .resolve("browser-screenshots");
  static final List<Browser> OPEN = new CopyOnWriteArrayList<>();

  public static Browser track(Browser b) {
    OPEN.add(b);
    return b;
  }

  public static void untrack(Browser b) {
    OPEN.remove(b);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    String label = "FAILED-" + context.getRequiredTestClass().getSimpleName() + "-" + context.getDisplayName()
        .replaceAll("[^A-Za-z0-9_-]+", "_");
    for (Browser b : OPEN) {
      b.screenshot(DIR, label);
    }
  }
}
