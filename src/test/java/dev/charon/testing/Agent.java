package dev.charon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A browser-like HTTP client for security tests: keeps the cookies the server sets (by name),
 * sends them back, and echoes {@code csrftoken} in {@code X-CSRFToken} on writes, as the SPA
 * does. Every header can be overridden or left out to play an attacker. Safe to share between
 * threads (the benchmark posts from several).
 */
public final class Agent {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** One answer. */
  public record Reply(int status, String body, HttpHeaders headers) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  private final URI base;
  private final HttpClient http;
  public final Map<String, String> cookies = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
  /** Sent with every request (e.g. X-Test-Client-Address to play another device). */
  public final Map<String, String> headers = new LinkedHashMap<>();

  public Agent(URI base) {
    this(base, HTTP);
  }

  /** @param http the client to send with (one that trusts a test's own certificate, for HTTPS) */
  public Agent(URI base, HttpClient http) {
    this.base = base;
    this.http = http;
  }

  /** Fetches the CSRF cookie (as the SPA does on a fresh page) and logs in. */
  public Reply login(String username, String password) {
    if (!cookies.containsKey("csrftoken")) {
      get("api/auth/me/");
    }
    return post("api/auth/login/", "{\"username\":" + quote(username) + ",\"password\":" + quote(password) + "}");
  }

  public Agent loggedIn(String username, String password) {
    Reply r = login(username, password);
    if (r.status() != 200) {
      throw new AssertionError("login as " + username + " failed: " + r);
    }
    return this;
  }

  public Reply get(String path) {
    return send("GET", path, null, Map.of());
  }

  public Reply post(String path, String json) {
    return send("POST", path, json, Map.of());
  }

  public Reply delete(String path) {
    return send("DELETE", path, null, Map.of());
  }

  /**
   * @param extra headers for this request; a null value removes a header the agent would send
   *     (e.g. {@code X-CSRFToken -> null} for a request without the proof)
   */
  public Reply send(String method, String path, String body, Map<String, String> extra) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    Map<String, String> h = new LinkedHashMap<>(headers);
    String cookie = cookieHeader();
    if (!cookie.isEmpty()) {
      h.put("Cookie", cookie);
    }
    if (!method.equals("GET") && cookies.containsKey("csrftoken")) {
      h.put("X-CSRFToken", cookies.get("csrftoken"));
    }
    if (body != null) {
      h.put("Content-Type", "application/json");
    }
    h.putAll(extra);
    h.forEach((k, v) -> {
      if (v != null) {
        b.header(k, v);
      }
    });
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      for (String set : r.headers().allValues("Set-Cookie")) {
        remember(set);
      }
      return new Reply(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void remember(String setCookie) {
    String pair = setCookie.split(";", 2)[0];
    int eq = pair.indexOf('=');
    String name = pair.substring(0, eq).trim();
    String value = pair.substring(eq + 1).trim();
    if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
      cookies.remove(name);
    } else {
      cookies.put(name, value);
    }
  }

  public String cookieHeader() {
    StringBuilder c = new StringBuilder();
    synchronized (cookies) {
      cookies.forEach((k, v) -> c.append(c.length() == 0 ? "" : "; ").append(k).append('=').append(v));
    }
    return c.toString();
  }

  /** POST that must succeed (any 2xx): the answer's JSON. */
  public JsonNode postJson(String path, String json) {
    return ok(post(path, json), path);
  }

  /** GET that must succeed: the answer's JSON. */
  public JsonNode getJson(String path) {
    return ok(get(path), path);
  }

  private static JsonNode ok(Reply r, String path) {
    if (r.status() / 100 != 2) {
      throw new AssertionError(path + " -> " + r);
    }
    return r.json();
  }

  static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
