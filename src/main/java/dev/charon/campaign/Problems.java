package dev.charon.campaign;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Collects what is wrong in a campaign folder while it loads. Each problem is kept and logged
 * once (a file referenced twice is still one problem), in the order found, which is
 * deterministic because the loader walks the folder in sorted order.
 */
final class Problems {
  private static final Logger LOG = Logger.getLogger(CampaignLoader.class.getName());

  private final Set<Problem> seen = new LinkedHashSet<>();

  void add(String file, int line, String message) {
    Problem p = new Problem(file, Math.max(0, line), message);
    if (seen.add(p)) {
      LOG.warning(() -> "campaign problem: " + p.file() + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.message());
    }
  }

  List<Problem> list() {
    return new ArrayList<>(seen);
  }
}
