package dev.charon.computer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.platform.StartupException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the model settings come from, their defaults, and the one-line refusals of values that cannot work. */
class ModelSettingsTest {
  private static final String KEY = "sk-ant-api03-SECRET-9d2f";

  private static ModelSettings resolve(Map<String, String> env, Map<String, String> jndi) {
    return ModelSettings.resolve(env::get, jndi::get);
  }

  @Test
  void withNothingSetThereIsNoModelAndTheTimeoutIsSixtySeconds() {
    ModelSettings settings = resolve(Map.of(), Map.of());

    assertEquals(ModelSettings.DISABLED, settings);
    assertEquals(60, settings.timeoutSeconds());
    assertEquals(Optional.empty(), settings.create());
  }

  @Test
  void everySettingComesFromTheEnvironmentOrJndi() {
    ModelSettings fromEnv = resolve(Map.of("CHARON_MODEL_PROVIDER", "Anthropic", "CHARON_MODEL_NAME", "claude-x",
        "CHARON_MODEL_API_KEY", KEY, "CHARON_MODEL_BASE_URL", "https://proxy.lan/v1/",
        "CHARON_MODEL_TIMEOUT_SECONDS", "90"), Map.of("charon/modelName", "ignored"));
    assertEquals(new ModelSettings("anthropic", Optional.of("https://proxy.lan/v1/"), Optional.of("claude-x"),
        Optional.of(KEY), 90), fromEnv);

    ModelSettings fromJndi = resolve(Map.of(), Map.of("charon/modelProvider", "openai",
        "charon/modelName", "llama3.2", "charon/modelBaseUrl", "http://localhost:11434/v1",
        "charon/modelTimeoutSeconds", "600"));
    assertEquals(new ModelSettings("openai", Optional.of("http://localhost:11434/v1"), Optional.of("llama3.2"),
        Optional.empty(), 600), fromJndi);
    assertEquals(new ModelInfo(true, "openai", "llama3.2"), fromJndi.create().orElseThrow().info());
  }

  @Test
  void providerNoneIgnoresTheOtherModelSettings() {
    ModelSettings none = resolve(Map.of("CHARON_MODEL_PROVIDER", "none", "CHARON_MODEL_NAME", "claude-x",
        "CHARON_MODEL_API_KEY", KEY), Map.of());

    assertEquals(ModelSettings.DISABLED, none);
  }

  @Test
  void aValueThatCannotWorkStopsStartUpNamingTheSetting() {
    Map<String, String> good = Map.of("CHARON_MODEL_PROVIDER", "openai", "CHARON_MODEL_NAME", "gpt-4o-mini");
    for (Map.Entry<String, String> bad : List.of(Map.entry("CHARON_MODEL_PROVIDER", "gpt"),
        Map.entry("CHARON_MODEL_BASE_URL", "ftp://models.lan/v1"),
        Map.entry("CHARON_MODEL_BASE_URL", "localhost:11434"), Map.entry("CHARON_MODEL_BASE_URL", "http://exa mple/v1"),
        Map.entry("CHARON_MODEL_BASE_URL", "https://x/v1?k=1"),
        Map.entry("CHARON_MODEL_TIMEOUT_SECONDS", "0"), Map.entry("CHARON_MODEL_TIMEOUT_SECONDS", "601"),
        Map.entry("CHARON_MODEL_TIMEOUT_SECONDS", "1.5"), Map.entry("CHARON_MODEL_TIMEOUT_SECONDS", "soon"))) {
      Map<String, String> env = new HashMap<>(good);
      env.put(bad.getKey(), bad.getValue());
      StartupException e = assertThrows(StartupException.class, () -> resolve(env, Map.of()), bad.toString());
      String setting = bad.getKey().toLowerCase().replace('_', '.');
      assertTrue(e.getMessage().startsWith(setting + " = '" + bad.getValue() + "' must be "), e.getMessage());
    }
  }

  @Test
  void aProviderWithoutAModelNameAndAnthropicWithoutAKeyAreRefused() {
    StartupException noName = assertThrows(StartupException.class,
        () -> resolve(Map.of("CHARON_MODEL_PROVIDER", "openai"), Map.of()));
    assertTrue(noName.getMessage().startsWith("charon.model.name is not set, but charon.model.provider = openai"),
        noName.getMessage());
    StartupException noKey = assertThrows(StartupException.class,
        () -> resolve(Map.of("CHARON_MODEL_PROVIDER", "anthropic", "CHARON_MODEL_NAME", "claude-x"), Map.of()));
    assertTrue(noKey.getMessage().startsWith("charon.model.api.key is not set, but charon.model.provider = anthropic"),
        noKey.getMessage());
  }

  @Test
  void theKeyIsNeverInTheSettingsString() {
    ModelSettings settings = resolve(Map.of("CHARON_MODEL_PROVIDER", "anthropic", "CHARON_MODEL_NAME", "claude-x",
        "CHARON_MODEL_API_KEY", KEY), Map.of());

    assertFalse(settings.toString().contains(KEY), settings.toString());
    assertFalse(settings.toString().contains("SECRET"), settings.toString());
    assertTrue(settings.toString().contains("apiKey=(set)"), settings.toString());
  }
}
