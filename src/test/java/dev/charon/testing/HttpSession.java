package dev.charon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A browser-like HTTP client for system tests against a running server: keeps cookies, sends
 * the CSRF header from the {@code csrftoken} cookie, logs in through the API.
 */
public final class HttpSession {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI base;
  private String cookie = "";
  private String csrf = "";

  public HttpSession(URI base) {
    this.base = base;
  }

  public static HttpSession login(URI base, String user, String password) throws Exception {
    HttpSession s = new HttpSession(base);
    HttpResponse<String> me = s.send("GET", "api/auth/me/", null);
    if (me.statusCode() == 404) {
      return s; // a build without accounts
    }
    HttpResponse<String> r = s.send("POST", "api/auth/login/",
        "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
    }
    return s;
  }

  public URI base() {
    return base;
  }

  private synchronized void absorbCookies(HttpResponse<?> r) {
    for (String c : r.headers().allValues("Set-Cookie")) {
      String pair = c.split(";", 2)[0];
      if (pair.startsWith("csrftoken=")) {
        csrf = pair.substring("csrftoken=".length());
      }
      String name = pair.split("=", 2)[0];
      List<String> kept = new ArrayList<>();
      for (String existing : cookie.isEmpty() ? new String[0] : cookie.split("; ")) {
        if (!existing.startsWith(name + "=")) {
          kept.add(existing);
        }
      }
      kept.add(pair);
      cookie = String.join("; ", kept);
    }
  }

  public HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    synchronized (this) {
      if (!cookie.isEmpty()) {
        b.header("Cookie", cookie);
      }
      if (!csrf.isEmpty()) {
        b.header("X-CSRFToken", csrf);
      }
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    absorbCookies(r);
    return r;
  }

  public JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> r = send("POST", path, body);
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  public JsonNode get(String path) throws Exception {
    HttpResponse<String> r = send("GET", path, null);
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }
}
