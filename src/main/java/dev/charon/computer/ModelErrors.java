package dev.charon.computer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.anthropic.internal.api.AnthropicStreamingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Turns what went wrong in a model call into the one sentence the GM reads. The library's own
 * messages are never passed on: they can hold a whole server answer, and a server (or a proxy in
 * front of it) may echo the request headers, key included. Only the server's own short error text
 * is quoted, with the key cut out.
 */
final class ModelErrors {
  /** Enough for "model: claude-x not found"; a quoted server error is cut at this length. */
  static final int MAX_QUOTED_CHARS = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String server;
  private final int timeoutSeconds;
  private final Optional<String> apiKey;

  /** @param baseUrl where the model is, for "could not connect to ..." (only scheme, host and port are shown) */
  ModelErrors(String baseUrl, int timeoutSeconds, Optional<String> apiKey) {
    this.server = origin(baseUrl);
    this.timeoutSeconds = timeoutSeconds;
    this.apiKey = apiKey;
  }

  ModelException timedOut(boolean someText) {
    return new ModelException(someText
        ? "The model did not finish its answer within " + timeoutSeconds + " s"
        : "The model did not answer within " + timeoutSeconds + " s");
  }

  ModelException brokeOff(int events) {
    return new ModelException(events == 0
        ? "The model server at " + server + " answered, but not with a stream of model text: check "
            + ModelSettings.BASE_URL
        : "The model's answer broke off before it was complete");
  }

  ModelException junk() {
    return new ModelException("The model server at " + server + " sent something that is not a model answer: check "
        + ModelSettings.BASE_URL + " and " + ModelSettings.PROVIDER);
  }

  ModelException noText(String why) {
    return new ModelException("The model returned no text" + why);
  }

  /** Walks the cause chain for the first thing that says what happened. */
  ModelException failed(Throwable error) {
    boolean io = false;
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof HttpException http) {
        return httpStatus(http.statusCode(), http.getMessage());
      }
      if (t instanceof HttpConnectTimeoutException) {
        return new ModelException("Could not connect to the model server at " + server + " within "
            + timeoutSeconds + " s");
      }
      if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
        return timedOut(false);
      }
      if (t instanceof ConnectException) {
        return new ModelException("Could not connect to the model server at " + server + ": is it running? Check "
            + ModelSettings.BASE_URL);
      }
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return new ModelException("The model server's name in " + server + " cannot be resolved: check "
            + ModelSettings.BASE_URL);
      }
      if (t instanceof SSLException) {
        return new ModelException("The secure connection to the model server at " + server + " failed: check "
            + ModelSettings.BASE_URL);
      }
      if (t instanceof JsonProcessingException) {
        return junk(); // an event the library could not read (Jackson's exceptions are IOExceptions)
      }
      if (t instanceof AnthropicStreamingException streamed) {
        return new ModelException("The model server reported an error while answering"
            + quoted((streamed.type() == null ? "" : streamed.type() + ": ") + streamed.getMessage()));
      }
      io |= t instanceof IOException;
    }
    return new ModelException(io ? "The connection to the model server at " + server + " broke off"
        : "The model call failed (" + error.getClass().getSimpleName() + ")");
  }

  private ModelException httpStatus(int status, String body) {
    String advice;
    if (status == 401 || status == 403) {
      advice = ": check " + ModelSettings.API_KEY;
    } else if (status == 404) {
      advice = ": check " + ModelSettings.NAME + " and " + ModelSettings.BASE_URL;
    } else if (status == 408) {
      advice = ": it timed out; try again";
    } else if (status == 413) {
      advice = ": the prompt is too long for it";
    } else if (status == 429) {
      advice = ": too many requests, or out of credit; try again later";
    } else if (status >= 500) {
      advice = ": it is failing or overloaded; try again later";
    } else if (status >= 400) {
      advice = ": it refused the request";
    } else {
      advice = "";
    }
    return new ModelException("The model server answered " + status + advice + quoted(serverMessage(body)));
  }

  /** The error text of an Anthropic, OpenAI or Ollama error body; null for anything else (HTML, junk). */
  static String serverMessage(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode error = root.path("error");
      JsonNode message = error.isTextual() ? error : error.path("message");
      if (!message.isTextual()) {
        message = root.path("message");
      }
      return message.isTextual() && !message.asText().isBlank() ? message.asText() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** ". The server said: "..."" with the key cut out, on one line, not too long; "" for nothing. */
  private String quoted(String text) {
    if (text == null || text.isBlank()) {
      return "";
    }
    String clean = text;
    if (apiKey.isPresent()) {
      clean = clean.replace(apiKey.get(), "[key]");
    }
    clean = clean.replaceAll("\\p{Cntrl}+", " ").strip();
    if (clean.length() > MAX_QUOTED_CHARS) {
      clean = clean.substring(0, MAX_QUOTED_CHARS) + "…";
    }
    return ". The server said: \"" + clean + "\"";
  }

  /** scheme://host:port: a path could hold anything, and the GM needs only to know which server. */
  private static String origin(String baseUrl) {
    try {
      URI uri = URI.create(baseUrl);
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (IllegalArgumentException e) {
      return "(the configured URL)";
    }
  }
}
