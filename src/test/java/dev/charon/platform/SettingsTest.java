package dev.charon.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where settings come from, and the one-line refusals for unusable directories. */
class SettingsTest {
  @TempDir
  Path tmp;

  @Test
  void streamCapsAndHeartbeatComeFromTheEnvironmentOrJndiWithDefaults() {
    Settings defaults = Settings.resolve(name -> null, name -> null);
    assertEquals(dev.charon.activeview.StreamLimits.DEFAULTS, defaults.streamLimits());
    assertEquals(15, defaults.heartbeatSeconds());
    Settings set = Settings.resolve(Map.of("CHARON_STREAMS_MAX_PER_ADDRESS", "7", "CHARON_SSE_HEARTBEAT_SECONDS", "5")::get,
        Map.of("charon/streamsMaxTotal", "70")::get);
    assertEquals(new dev.charon.activeview.StreamLimits(7, 70), set.streamLimits());
    assertEquals(5, set.heartbeatSeconds());
  }

  @Test
  void aStreamCapOrHeartbeatThatIsNotAPositiveWholeNumberStopsStartUpNamingTheSetting() {
    for (Map<String, String> bad : java.util.List.of(Map.of("CHARON_STREAMS_MAX_PER_ADDRESS", "0"),
        Map.of("CHARON_STREAMS_MAX_TOTAL", "lots"), Map.of("CHARON_SSE_HEARTBEAT_SECONDS", "600"),
        Map.of("CHARON_SSE_HEARTBEAT_SECONDS", "1.5"))) {
      StartupException e = assertThrows(StartupException.class, () -> Settings.resolve(bad::get, name -> null));
      String setting = bad.keySet().iterator().next().toLowerCase().replace('_', '.');
      assertTrue(e.getMessage().startsWith(setting + " = "), e.getMessage());
    }
  }

  @Test
  void environmentThenJndiThenDefault() {
    Settings fromEnv = Settings.resolve(Map.of("CHARON_DATA_DIR", tmp.toString())::get,
        Map.of("charon/dataDir", "/ignored")::get);
    assertEquals(tmp.toAbsolutePath(), fromEnv.dataDir());
    Settings fromJndi = Settings.resolve(name -> null, Map.of("charon/dataDir", tmp.resolve("j").toString())::get);
    assertEquals(tmp.resolve("j").toAbsolutePath(), fromJndi.dataDir());
    Settings defaults = Settings.resolve(name -> null, name -> null);
    assertEquals(Settings.defaultDataDir(), defaults.dataDir());
    assertEquals(Optional.empty(), defaults.campaignDir());
  }

  @Test
  void allowedHostsComeFromTheEnvironmentOrJndiAndDefaultToAny() {
    Settings fromEnv = Settings.resolve(Map.of("CHARON_ALLOWED_HOSTS", "charon.lan")::get,
        Map.of("charon/allowedHosts", "other.lan")::get);
    assertTrue(fromEnv.allowedHosts().allows("charon.lan", 80));
    assertFalse(fromEnv.allowedHosts().allows("other.lan", 80));
    Settings fromJndi = Settings.resolve(name -> null, Map.of("charon/allowedHosts", "tv.lan:8080")::get);
    assertTrue(fromJndi.allowedHosts().allows("tv.lan", 8080));
    assertFalse(fromJndi.allowedHosts().allows("charon.lan", 8080));
    assertTrue(Settings.resolve(name -> null, name -> null).allowedHosts().any());
    assertTrue(Settings.resolve(Map.of("CHARON_ALLOWED_HOSTS", "  ")::get, name -> null).allowedHosts().any(),
        "blank is unset, like every other setting");
  }

  @Test
  void malformedAllowedHostsStopStartUp() {
    StartupException e = assertThrows(StartupException.class,
        () -> Settings.resolve(Map.of("CHARON_ALLOWED_HOSTS", "charon.lan:http")::get, name -> null));
    assertTrue(e.getMessage().startsWith("charon.allowed.hosts "), e.getMessage());
  }

  @Test
  void missingLastLevelIsCreated() {
    Settings s = new Settings(tmp.resolve("data"), Optional.empty(), Optional.empty());
    s.checkDataDir();
    assertTrue(Files.isDirectory(tmp.resolve("data")));
  }

  @Test
  void missingParentIsRefusedWithTheSettingNamed() {
    Settings s = new Settings(tmp.resolve("no/such/parent"), Optional.empty(), Optional.empty());
    StartupException e = assertThrows(StartupException.class, s::checkDataDir);
    assertTrue(e.getMessage().startsWith("charon.data.dir = "), e.getMessage());
    assertTrue(e.getMessage().contains("parent directory does not exist"), e.getMessage());
  }

  @Test
  void fileInsteadOfDirectoryIsRefused() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    StartupException e = assertThrows(StartupException.class,
        new Settings(file, Optional.empty(), Optional.empty())::checkDataDir);
    assertTrue(e.getMessage().contains("is a file"), e.getMessage());
  }

  @Test
  void unwritableDirectoryIsRefused() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("ro"));
    dir.toFile().setWritable(false, false);
    try {
      if (Files.isWritable(dir)) {
        return; // running as root: permissions do not bind, nothing to check here
      }
      StartupException e = assertThrows(StartupException.class,
          new Settings(dir, Optional.empty(), Optional.empty())::checkDataDir);
      assertTrue(e.getMessage().contains("not writable"), e.getMessage());
    } finally {
      dir.toFile().setWritable(true, false);
    }
  }

  @Test
  void missingCampaignDirectoryIsRefused() {
    Settings s = new Settings(tmp, Optional.of(tmp.resolve("nowhere")), Optional.empty());
    StartupException e = assertThrows(StartupException.class, s::checkDataDir);
    assertTrue(e.getMessage().startsWith("charon.campaign.dir = "), e.getMessage());
  }
}
