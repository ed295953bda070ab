package dev.charon.campaign;

import dev.charon.activeview.ActiveView;
import dev.charon.web.ApiError;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Re-reads the campaign folder, swaps the new campaign in and applies {@link ReloadPruning} as one
 * ActiveView transition, so every screen gets a new version without the things that vanished.
 *
 * <p>Edited files are picked up without a restart by polling, not by a {@code WatchService}: every
 * {@link #POLL_INTERVAL_SECONDS} a cheap fingerprint (paths, sizes, modification times; no file is
 * read) is compared with the one of the loaded folder. A change is reloaded once the fingerprint
 * has held still for one interval, so a GM's editor saving several files is loaded once, after it
 * settled. Polling works the same on every file system (a WatchService needs one registration per
 * directory and misses changes on some network mounts), and walking ~100 files costs well under a
 * millisecond of I/O per poll.
 */
public final class CampaignReloader implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CampaignReloader.class.getName());
  public static final long POLL_INTERVAL_SECONDS = 2;
  /** How long {@link #close} waits for a poll (and a reload it started) to finish before interrupting it. */
  static final long CLOSE_WAIT_SECONDS = 10;

  private final CampaignHolder holder;
  private final ActiveView activeView;
  // Reloads are serialised: two overlapping loads could otherwise swap in the older campaign last.
  private final Object reloadLock = new Object();
  private volatile String loadedFingerprint;
  private String lastPolled; // only touched by the single poller thread
  private ScheduledExecutorService poller;

  public CampaignReloader(CampaignHolder holder, ActiveView activeView) {
    this.holder = holder;
    this.activeView = activeView;
    this.loadedFingerprint = holder.current().root().map(ContentVersion::fingerprint).orElse("");
  }

  /** Reloads now; the answer says what the state lost and the state version that contains it. */
  public Map<String, Object> reload() {
    synchronized (reloadLock) {
      Path root = holder.current().root()
          .orElseThrow(() -> ApiError.conflict(null, "No campaign folder is loaded, so there is nothing to reload"));
      String fingerprint = ContentVersion.fingerprint(root);
      Campaign next = CampaignLoader.loadFolder(root);
      holder.replace(next);
      loadedFingerprint = fingerprint;
      ActiveView.Applied<Map<String, Object>> applied = activeView.apply(ReloadPruning.afterReload());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("success", true);
      body.put("version", applied.version());
      body.putAll(applied.result());
      LOG.info("campaign reloaded: " + applied.result());
      return body;
    }
  }

  /** Starts polling the folder for edits (idempotent). */
  public synchronized void watch() {
    if (poller != null || holder.current().root().isEmpty()) {
      return;
    }
    poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "charon-campaign-watch");
      t.setDaemon(true);
      return t;
    });
    poller.scheduleWithFixedDelay(this::poll, POLL_INTERVAL_SECONDS, POLL_INTERVAL_SECONDS, TimeUnit.SECONDS);
  }

  /** One poll; package-private so tests can drive it without waiting. */
  boolean poll() {
    try {
      Path root = holder.current().root().orElse(null);
      if (root == null) {
        return false;
      }
      String now = ContentVersion.fingerprint(root);
      boolean settled = now.equals(lastPolled);
      lastPolled = now;
      if (settled && !now.equals(loadedFingerprint)) {
        reload();
        return true;
      }
    } catch (RuntimeException e) {
      // The poller must survive anything, or edits would silently stop being picked up.
      LOG.log(Level.WARNING, "campaign watch: reload failed", e);
    }
    return false;
  }

  /**
   * Stops polling and returns once the poller thread ended (an undeploy must leave no thread of
   * this deployment behind). A reload in progress finishes first, so it never swaps a campaign
   * into a closing ActiveView halfway.
   */
  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdown(); // cancels the periodic poll; one in progress finishes
      try {
        if (!poller.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
          poller.shutdownNow();
          poller.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        poller.shutdownNow();
        Thread.currentThread().interrupt();
      }
      poller = null;
    }
  }
}
