package dev.charon.campaign;

import java.util.concurrent.atomic.AtomicReference;

/** The campaign in use; a reload swaps in a fully built new {@link Campaign} atomically. */
public final class CampaignHolder {
  private final AtomicReference<Campaign> current;

  public CampaignHolder(Campaign initial) {
    this.current = new AtomicReference<>(initial);
  }

  public Campaign current() {
    return current.get();
  }

  public void replace(Campaign next) {
    current.set(next);
  }
}
