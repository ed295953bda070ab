package dev.charon.computer;

import dev.charon.campaign.Campaign;
import dev.charon.web.ApiError;
import java.util.regex.Pattern;

/** Which channel names exist (docs/charon.md): validated, never taken verbatim as the original did. */
final class ChannelNames {
  static final String STORY = "story";
  static final String BRIDGE = "bridge";
  static final String ENCOUNTER_PREFIX = "encounter-";
  static final int MAX_CHARS = 64;
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private ChannelNames() {}

  static boolean wellFormed(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** 400 unless the name is a lower-case slug of at most 64 characters. */
  static String checked(String name, String field) {
    if (!wellFormed(name)) {
      throw ApiError.badRequest(field, "A channel name is a lower-case slug (a-z, 0-9, '-' or '_'), at most "
          + MAX_CHARS + " characters");
    }
    return name;
  }

  /** story, bridge, and encounter-&lt;slug&gt; of a location in the campaign always exist. */
  static boolean builtIn(String name, Campaign campaign) {
    return name.equals(STORY) || name.equals(BRIDGE)
        || name.startsWith(ENCOUNTER_PREFIX) && campaign.location(name.substring(ENCOUNTER_PREFIX.length())).isPresent();
  }
}
