package dev.charon.campaign;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The campaign in use; a reload swaps in a fully built new {@link Campaign} atomically. It also
 * holds the {@link DoorIds} that name the campaign's doors to players, which outlive reloads.
 */
public final class CampaignHolder {
  private final AtomicReference<Campaign> current;
  private final DoorIds doorIds;

  /** With door ids keyed for this process only (tests); the server passes the deployment's key. */
  public CampaignHolder(Campaign initial) {
    this(initial, DoorIds.withRandomKey());
  }

  public CampaignHolder(Campaign initial, DoorIds doorIds) {
    this.current = new AtomicReference<>(initial);
    this.doorIds = doorIds;
  }

  public DoorIds doorIds() {
    return doorIds;
  }

  public Campaign current() {
    return current.get();
  }

  public void replace(Campaign next) {
    current.set(next);
  }
}
