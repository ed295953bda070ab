package dev.charon.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where Charon is published ({@code charon.public.url}), e.g. {@code https://games.example.org/charon/}
 * behind a TLS reverse proxy: the browsers' origin, which the CSRF check accepts even though the
 * container saw plain HTTP on another host and port, the path the cookies are scoped to (a proxy
 * may publish the context {@code /charon} as {@code /games/charon/}), and the base of every link
 * Charon prints. Like Grafana's {@code root_url} or Django's {@code CSRF_TRUSTED_ORIGINS}.
 *
 * @param scheme {@code http} or {@code https}
 * @param host lower case, an IPv6 address without brackets
 * @param port the explicit port, or the scheme's default
 * @param path starts and ends with {@code /}, as written (percent-encoded)
 */
public record PublicUrl(String scheme, String host, int port, String path) {
  private static final String EXAMPLE = "https://games.example.org/charon/";

  /** @throws StartupException naming {@code setting} for anything but an absolute http(s) URL */
  public static PublicUrl parse(String setting, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw refused(setting, value, "is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw refused(setting, value, "must start with https:// or http://");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw refused(setting, value, "must name a host (and no user)");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw refused(setting, value, "must have no query (?) or fragment (#)");
    }
    int port = uri.getPort() == -1 ? defaultPort(scheme) : uri.getPort();
    if (port < 1 || port > 65535) {
      throw refused(setting, value, "has a port outside 1-65535");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    // The path becomes a cookie's Path: nothing that would end the attribute or mean another place.
    if (!path.startsWith("/") || path.contains(";") || path.contains(",") || path.contains("//")
        || !uri.normalize().getRawPath().equals(uri.getRawPath())) {
      throw refused(setting, value, "has a path with ., .., // , ; or ,");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new PublicUrl(scheme, host, port, path.endsWith("/") ? path : path + "/");
  }

  private static StartupException refused(String setting, String value, String why) {
    return new StartupException(setting + " = '" + value + "' " + why + ": set it to the absolute address the "
        + "browsers use, e.g. " + EXAMPLE + ", or unset it");
  }

  static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }

  public boolean secure() {
    return scheme.equals("https");
  }

  /** {@code scheme://host[:port]} as a browser sends it in {@code Origin} (no default port). */
  public String origin() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return scheme + "://" + h + (port == defaultPort(scheme) ? "" : ":" + port);
  }

  /** @param relative a path below the application, e.g. {@code login/} */
  public String link(String relative) {
    return origin() + path + relative;
  }

  @Override
  public String toString() {
    return link("");
  }
}
