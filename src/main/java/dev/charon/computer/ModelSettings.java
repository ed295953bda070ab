package dev.charon.computer;

import dev.charon.platform.Settings;
import dev.charon.platform.StartupException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Which language model writes CHARON drafts, read like every other setting (system property,
 * environment variable, JNDI {@code charon/...}); none is required. A value that cannot work stops
 * start-up naming the setting, rather than failing later in front of the GM.
 *
 * @param provider {@value #ANTHROPIC}, {@value #OPENAI} (any OpenAI-compatible server) or {@value #NONE}
 * @param baseUrl the API's base URL; empty means the provider's own
 * @param model the model name; present whenever the provider is not {@value #NONE}
 * @param apiKey never logged, never returned, never in {@link #toString()}
 * @param timeoutSeconds the most one whole call may take, streaming included
 */
public record ModelSettings(String provider, Optional<String> baseUrl, Optional<String> model,
    Optional<String> apiKey, int timeoutSeconds) {

  public static final String PROVIDER = "charon.model.provider";
  public static final String BASE_URL = "charon.model.base.url";
  public static final String NAME = "charon.model.name";
  public static final String API_KEY = "charon.model.api.key";
  public static final String TIMEOUT_SECONDS = "charon.model.timeout.seconds";

  public static final String ANTHROPIC = "anthropic";
  public static final String OPENAI = "openai";
  public static final String NONE = "none";

  public static final int DEFAULT_TIMEOUT_SECONDS = 60;
  static final int MAX_TIMEOUT_SECONDS = 600;

  /** No model: drafts come from {@code fallback_responses}. */
  public static final ModelSettings DISABLED =
      new ModelSettings(NONE, Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT_SECONDS);

  public ModelSettings {
    if (!provider.equals(ANTHROPIC) && !provider.equals(OPENAI) && !provider.equals(NONE)) {
      throw new IllegalArgumentException("provider must be anthropic, openai or none, not " + provider);
    }
    if (!provider.equals(NONE) && (model.isEmpty() || provider.equals(ANTHROPIC) && apiKey.isEmpty())) {
      throw new IllegalArgumentException(
          provider + " needs a model name" + (provider.equals(ANTHROPIC) ? " and a key" : ""));
    }
    if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
      throw new IllegalArgumentException("timeoutSeconds must be from 1 to " + MAX_TIMEOUT_SECONDS);
    }
  }

  /**
   * @param jndi looks up a JNDI env entry by its short name ("charon/modelName"), null if absent
   */
  public static ModelSettings resolve(UnaryOperator<String> env, UnaryOperator<String> jndi) {
    String provider = Settings.setting(PROVIDER, "CHARON_MODEL_PROVIDER", "charon/modelProvider", env, jndi)
        .map(v -> v.toLowerCase(Locale.ROOT))
        .orElse(NONE);
    if (!provider.equals(ANTHROPIC) && !provider.equals(OPENAI) && !provider.equals(NONE)) {
      throw new StartupException(PROVIDER + " = '" + provider + "' must be anthropic, openai (any "
          + "OpenAI-compatible server: Ollama, llama.cpp, vLLM, LM Studio) or none: fix it or unset it to answer "
          + "from fallback_responses");
    }
    Optional<String> baseUrl = Settings.setting(BASE_URL, "CHARON_MODEL_BASE_URL", "charon/modelBaseUrl", env, jndi)
        .map(ModelSettings::checkBaseUrl);
    Optional<String> model = Settings.setting(NAME, "CHARON_MODEL_NAME", "charon/modelName", env, jndi);
    Optional<String> apiKey = Settings.setting(API_KEY, "CHARON_MODEL_API_KEY", "charon/modelApiKey", env, jndi);
    int timeout = timeoutSeconds(Settings.setting(TIMEOUT_SECONDS, "CHARON_MODEL_TIMEOUT_SECONDS",
        "charon/modelTimeoutSeconds", env, jndi));
    if (provider.equals(NONE)) {
      return new ModelSettings(NONE, Optional.empty(), Optional.empty(), Optional.empty(), timeout);
    }
    if (model.isEmpty()) {
      throw new StartupException(NAME + " is not set, but " + PROVIDER + " = " + provider + " needs a model name: set "
          + NAME + " (or CHARON_MODEL_NAME), e.g. "
          + (provider.equals(ANTHROPIC) ? "claude-sonnet-4-20250514" : "gpt-4o-mini, or llama3.2 on Ollama")
          + ", or set " + PROVIDER + " = none");
    }
    // Anthropic's API, and the library, refuse a call without a key; OpenAI-compatible local
    // servers (Ollama, llama.cpp) take none.
    if (provider.equals(ANTHROPIC) && apiKey.isEmpty()) {
      throw new StartupException(API_KEY + " is not set, but " + PROVIDER + " = anthropic needs an API key: set "
          + API_KEY + " (or CHARON_MODEL_API_KEY), or set " + PROVIDER + " = none");
    }
    return new ModelSettings(provider, baseUrl, model, apiKey, timeout);
  }

  private static String checkBaseUrl(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null
          && uri.getFragment() == null) {
        return value;
      }
    } catch (URISyntaxException e) {
      // reported below, like a URL of the wrong kind
    }
    throw new StartupException(BASE_URL + " = '" + value + "' must be an http:// or https:// URL without a query, "
        + "e.g. http://localhost:11434/v1 for Ollama: fix it or unset it for the provider's own");
  }

  private static int timeoutSeconds(Optional<String> raw) {
    if (raw.isEmpty()) {
      return DEFAULT_TIMEOUT_SECONDS;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value >= 1 && value <= MAX_TIMEOUT_SECONDS) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below, like an out-of-range value
    }
    throw new StartupException(TIMEOUT_SECONDS + " = '" + raw.get() + "' must be a whole number from 1 to "
        + MAX_TIMEOUT_SECONDS + ": fix it or unset it for the default (" + DEFAULT_TIMEOUT_SECONDS + ")");
  }

  /** The model that writes drafts; empty for {@value #NONE}. Builds the HTTP client: call once. */
  public Optional<DraftModel> create() {
    return provider.equals(NONE) ? Optional.empty() : Optional.of(new StreamingDraftModel(this));
  }

  /** The key is shown only as set or not: this string goes to logs. */
  @Override
  public String toString() {
    return "ModelSettings[provider=" + provider + ", baseUrl=" + baseUrl.orElse("(provider's own)") + ", model="
        + model.orElse("(none)") + ", apiKey=" + (apiKey.isPresent() ? "(set)" : "(not set)") + ", timeoutSeconds="
        + timeoutSeconds + "]";
  }
}
