package dev.charon.platform;

import dev.charon.activeview.ActiveView;
import dev.charon.computer.ModelSettings;
import dev.charon.activeview.StreamLimits;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Charon's configuration, read without rebuilding. Each setting is looked up, first hit wins,
 * as a system property ({@code -Dcharon.data.dir=...}), an environment variable
 * ({@code CHARON_DATA_DIR}), then a JNDI env entry ({@code java:comp/env/charon/dataDir}) for
 * people who deploy the WAR into their own container.
 *
 * @param dataDir absolute; holds the H2 files and anything else that must survive a restart
 * @param campaignDir absolute; empty means the demo campaign shipped in the WAR
 * @param gmPassword first-run password of the GM account; empty means "generate one"
 * @param streamLimits how many event streams one address and the whole server may hold
 * @param heartbeatSeconds how often idle streams get a comment (dead clients are found by it)
 * @param allowedHosts the host names requests may name; {@link AllowedHosts#ANY} when unset
 * @param model the language model that drafts CHARON's replies; {@link ModelSettings#DISABLED} when unset
 * @param publicUrl where the browsers reach Charon (behind a reverse proxy); empty: wherever they address it
 * @param trustedProxies whose forwarding headers are believed; {@link TrustedProxies#NONE} when unset
 */
public record Settings(Path dataDir, Optional<Path> campaignDir, Optional<String> gmPassword,
    StreamLimits streamLimits, int heartbeatSeconds, AllowedHosts allowedHosts, ModelSettings model,
    Optional<PublicUrl> publicUrl, TrustedProxies trustedProxies) {

  public static final String DATA_DIR = "charon.data.dir";
  public static final String CAMPAIGN_DIR = "charon.campaign.dir";
  public static final String GM_PASSWORD = "charon.gm.password";
  public static final String MAX_STREAMS_PER_ADDRESS = "charon.streams.max.per.address";
  public static final String MAX_STREAMS_TOTAL = "charon.streams.max.total";
  public static final String HEARTBEAT_SECONDS = "charon.sse.heartbeat.seconds";
  public static final String ALLOWED_HOSTS = "charon.allowed.hosts";
  public static final String PUBLIC_URL = "charon.public.url";
  public static final String TRUSTED_PROXIES = "charon.trusted.proxies";
  /** Longer than proxies' usual 60 s idle timeout would let streams be cut between beats. */
  static final int MAX_HEARTBEAT_SECONDS = 55;

  /** The defaults for everything but the three paths (any host name accepted). */
  public Settings(Path dataDir, Optional<Path> campaignDir, Optional<String> gmPassword) {
    this(dataDir, campaignDir, gmPassword, StreamLimits.DEFAULTS, (int) ActiveView.HEARTBEAT_INTERVAL_SECONDS,
        AllowedHosts.ANY, ModelSettings.DISABLED);
  }

  /** Without a public URL or trusted proxies (a LAN game), as before those settings existed. */
  public Settings(Path dataDir, Optional<Path> campaignDir, Optional<String> gmPassword, StreamLimits streamLimits,
      int heartbeatSeconds, AllowedHosts allowedHosts, ModelSettings model) {
    this(dataDir, campaignDir, gmPassword, streamLimits, heartbeatSeconds, allowedHosts, model, Optional.empty(),
        TrustedProxies.NONE);
  }

  /** These settings behind a reverse proxy published at {@code publicUrl}, trusting {@code trustedProxies}. */
  public Settings behindProxy(Optional<PublicUrl> publicUrl, TrustedProxies trustedProxies) {
    return new Settings(dataDir, campaignDir, gmPassword, streamLimits, heartbeatSeconds,
        publicUrl.map(u -> allowedHosts.with(u.host())).orElse(allowedHosts), model, publicUrl, trustedProxies);
  }

  /** Outside target/ so that "mvn clean" never deletes a campaign's messages. */
  static Path defaultDataDir() {
    return Path.of(System.getProperty("user.home"), ".charon", "data");
  }

  /**
   * @param jndi looks up a JNDI env entry by its short name ("charon/dataDir"), null if absent
   */
  public static Settings resolve(UnaryOperator<String> env, UnaryOperator<String> jndi) {
    Path dataDir = lookup(DATA_DIR, "CHARON_DATA_DIR", "charon/dataDir", env, jndi)
        .map(v -> toPath(DATA_DIR, v))
        .orElseGet(Settings::defaultDataDir);
    Optional<Path> campaignDir = lookup(CAMPAIGN_DIR, "CHARON_CAMPAIGN_DIR", "charon/campaignDir", env, jndi)
        .map(v -> toPath(CAMPAIGN_DIR, v));
    Optional<String> gmPassword = lookup(GM_PASSWORD, "CHARON_GM_PASSWORD", "charon/gmPassword", env, jndi);
    int perAddress = number(MAX_STREAMS_PER_ADDRESS, "CHARON_STREAMS_MAX_PER_ADDRESS", "charon/streamsMaxPerAddress",
        env, jndi, StreamLimits.DEFAULT_MAX_STREAMS_PER_ADDRESS, 1, 1_000_000);
    int total = number(MAX_STREAMS_TOTAL, "CHARON_STREAMS_MAX_TOTAL", "charon/streamsMaxTotal",
        env, jndi, StreamLimits.DEFAULT_MAX_STREAMS_TOTAL, 1, 1_000_000);
    int heartbeat = number(HEARTBEAT_SECONDS, "CHARON_SSE_HEARTBEAT_SECONDS", "charon/sseHeartbeatSeconds",
        env, jndi, (int) ActiveView.HEARTBEAT_INTERVAL_SECONDS, 1, MAX_HEARTBEAT_SECONDS);
    AllowedHosts allowedHosts = lookup(ALLOWED_HOSTS, "CHARON_ALLOWED_HOSTS", "charon/allowedHosts", env, jndi)
        .map(v -> AllowedHosts.parse(ALLOWED_HOSTS, v))
        .orElse(AllowedHosts.ANY);
    Optional<PublicUrl> publicUrl = lookup(PUBLIC_URL, "CHARON_PUBLIC_URL", "charon/publicUrl", env, jndi)
        .map(v -> PublicUrl.parse(PUBLIC_URL, v));
    TrustedProxies trustedProxies = lookup(TRUSTED_PROXIES, "CHARON_TRUSTED_PROXIES", "charon/trustedProxies",
        env, jndi)
        .map(v -> TrustedProxies.parse(TRUSTED_PROXIES, v))
        .orElse(TrustedProxies.NONE);
    return new Settings(dataDir, campaignDir, gmPassword, new StreamLimits(perAddress, total), heartbeat,
        allowedHosts, ModelSettings.resolve(env, jndi)).behindProxy(publicUrl, trustedProxies);
  }

  /** A whole number setting within [min, max]; anything else stops start-up naming the setting. */
  private static int number(String property, String variable, String jndiName, UnaryOperator<String> env,
      UnaryOperator<String> jndi, int fallback, int min, int max) {
    Optional<String> raw = lookup(property, variable, jndiName, env, jndi);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below, like an out-of-range value
    }
    throw new StartupException(property + " = '" + raw.get() + "' must be a whole number from " + min + " to " + max
        + ": fix it or unset it for the default (" + fallback + ")");
  }

  /**
   * One setting looked up the way all of Charon's are (system property, environment variable, JNDI
   * env entry; blank counts as unset; trimmed), for feature packages that read their own settings.
   */
  public static Optional<String> setting(
      String property, String variable, String jndiName, UnaryOperator<String> env, UnaryOperator<String> jndi) {
    return lookup(property, variable, jndiName, env, jndi);
  }

  private static Optional<String> lookup(
      String property, String variable, String jndiName, UnaryOperator<String> env, UnaryOperator<String> jndi) {
    String value = System.getProperty(property);
    if (blank(value)) {
      value = env.apply(variable);
    }
    if (blank(value)) {
      value = jndi.apply(jndiName);
    }
    return blank(value) ? Optional.empty() : Optional.of(value.trim());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static Path toPath(String setting, String value) {
    try {
      String expanded = value.startsWith("~/") ? System.getProperty("user.home") + value.substring(1) : value;
      return Path.of(expanded).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new StartupException(setting + " = '" + value + "' is not a valid path: set it to a directory path");
    }
  }

  /**
   * Creates the data directory if only its last level is missing; refuses a missing parent or a
   * directory it cannot write, rather than silently writing somewhere else.
   */
  public void checkDataDir() {
    Path parent = dataDir.getParent();
    if (!Files.isDirectory(dataDir)) {
      if (Files.exists(dataDir)) {
        throw new StartupException(DATA_DIR + " = " + dataDir + " is a file, not a directory: point "
            + DATA_DIR + " (or CHARON_DATA_DIR) at a directory");
      }
      boolean isDefault = dataDir.equals(defaultDataDir());
      if (!isDefault && (parent == null || !Files.isDirectory(parent))) {
        throw new StartupException(DATA_DIR + " = " + dataDir + ": its parent directory does not exist; create "
            + parent + " or set " + DATA_DIR + " (or CHARON_DATA_DIR) to an existing location");
      }
      try {
        Files.createDirectories(dataDir);
      } catch (Exception e) {
        throw new StartupException(DATA_DIR + " = " + dataDir + " cannot be created (" + e.getMessage()
            + "): fix the permissions or set " + DATA_DIR + " (or CHARON_DATA_DIR) elsewhere");
      }
    }
    if (!Files.isWritable(dataDir)) {
      throw new StartupException(DATA_DIR + " = " + dataDir + " is not writable: fix its permissions or set "
          + DATA_DIR + " (or CHARON_DATA_DIR) to a writable directory");
    }
    campaignDir.ifPresent(dir -> {
      if (!Files.isDirectory(dir)) {
        throw new StartupException(CAMPAIGN_DIR + " = " + dir + " does not exist or is not a directory: point "
            + CAMPAIGN_DIR + " (or CHARON_CAMPAIGN_DIR) at a campaign folder (with galaxy/ and campaign/), "
            + "or unset it to use the demo campaign");
      }
    });
  }
}
