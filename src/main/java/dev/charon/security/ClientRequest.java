package dev.charon.security;

import dev.charon.platform.IpAddress;
import dev.charon.platform.TrustedProxies;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request as its client made it: the client's address (throttles, stream caps) and the scheme,
 * host and port the browser used (the CSRF Origin check, Secure cookies). Directly, that is the
 * socket's peer and what the container saw. Behind a reverse proxy the container sees the proxy,
 * so the proxy's forwarding headers say it instead: {@code Forwarded} (RFC 7239), or
 * {@code X-Forwarded-For}, {@code -Proto}, {@code -Host} and {@code -Port}. They are believed
 * only when the socket's peer is one of {@link TrustedProxies}; from anyone else they are
 * ignored, since any client can write them.
 *
 * <p>Which hop is the client: proxies append to {@code X-Forwarded-For} (and {@code Forwarded}),
 * so everything left of what our own proxy added was written by the client. The client is the
 * right-most address that is not itself a trusted proxy; if that entry is no IP address (a
 * proxy's {@code unknown} or an obfuscated name), the client is unknown and the peer's address
 * counts, as without the headers. {@code -Proto}, {@code -Host} and {@code -Port} take their
 * right-most value: the one our proxy wrote (Apache appends to a client's X-Forwarded-Host).
 *
 * <p>A valid {@code Forwarded} is preferred to the X-Forwarded headers. A request with both it
 * and {@code X-Forwarded-For} that do not name the same client is believed in neither: one of
 * them came from the client through a proxy that only maintains the other. Bad values (a
 * malformed {@code Forwarded}, a scheme other than http(s), a host that is not a host name, a
 * port out of range) are ignored, never an error.
 *
 * @param address the client's IP address (the peer's as given, or a forwarded one, canonical)
 * @param scheme {@code http} or {@code https}
 * @param host the host name or address, lower case, IPv6 without brackets
 * @param port the port the client connected to
 * @param viaTrustedProxy the socket's peer is a trusted proxy
 */
public record ClientRequest(String address, String scheme, String host, int port, boolean viaTrustedProxy) {
  static final String FORWARDED = "Forwarded";
  static final String X_FORWARDED_FOR = "X-Forwarded-For";
  static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
  static final String X_FORWARDED_HOST = "X-Forwarded-Host";
  static final String X_FORWARDED_PORT = "X-Forwarded-Port";
  private static final Pattern HOST = Pattern.compile(
      "(?:\\[([0-9a-f:.]+)\\]|([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?\\.?))(?::([0-9]{1,5}))?");

  /**
   * @param peer the socket's peer address (the container's remote address)
   * @param headers all values of a request header by name, empty when absent
   * @param scheme the scheme the container saw
   * @param serverName the host the container saw (from {@code Host}; IPv6 with or without brackets)
   * @param serverPort the port the container saw
   */
  public static ClientRequest of(String peer, Function<String, List<String>> headers, String scheme,
      String serverName, int serverPort, TrustedProxies trusted) {
    ClientRequest direct =
        new ClientRequest(peer, scheme.toLowerCase(Locale.ROOT), bare(serverName), serverPort, false);
    if (trusted.none() || !trusted.trusts(peer)) {
      return direct;
    }
    ClientRequest viaProxy = new ClientRequest(peer, direct.scheme, direct.host, direct.port, true);
    Optional<Hop> forwarded = ForwardedHeader.parse(joined(headers, FORWARDED))
        .map(elements -> fromForwarded(elements, trusted));
    Optional<Hop> xForwarded = fromXForwarded(headers, trusted);
    Hop hop;
    if (forwarded.isPresent()) {
      if (joined(headers, X_FORWARDED_FOR) != null && !forwarded.get().client().equals(xForwarded.get().client())) {
        return viaProxy; // one of the two is the client's own
      }
      hop = forwarded.get();
    } else if (xForwarded.isPresent()) {
      hop = xForwarded.get();
    } else {
      return viaProxy;
    }
    return viaProxy.with(hop, headers);
  }

  /**
   * What one hop said about the client.
   *
   * @param client the client's address, or empty when unknown (then the peer counts)
   * @param proto the scheme the client used, if said and valid
   * @param host the host (and perhaps port) the client addressed, if said and valid
   * @param port the port the client connected to, if said and valid
   */
  record Hop(Optional<InetAddress> client, Optional<String> proto, Optional<String> host, Optional<Integer> port) {}

  /** The element of the hop where the client entered our proxies; its proto and host go with it. */
  private static Hop fromForwarded(List<Map<String, String>> elements, TrustedProxies trusted) {
    int chosen = 0;
    Optional<InetAddress> client = Optional.empty();
    for (int i = elements.size() - 1; i >= 0; i--) {
      client = node(elements.get(i).get("for"));
      chosen = i;
      if (client.isEmpty() || !trusted.trusts(client.get())) {
        break;
      }
    }
    Map<String, String> element = elements.get(chosen);
    return new Hop(client, proto(element.get("proto")), host(element.get("host")), Optional.empty());
  }

  /** Empty when the request carries none of the X-Forwarded headers. */
  private static Optional<Hop> fromXForwarded(Function<String, List<String>> headers, TrustedProxies trusted) {
    String forFor = joined(headers, X_FORWARDED_FOR);
    String proto = rightMost(joined(headers, X_FORWARDED_PROTO));
    String host = rightMost(joined(headers, X_FORWARDED_HOST));
    String port = rightMost(joined(headers, X_FORWARDED_PORT));
    if (forFor == null && proto == null && host == null && port == null) {
      return Optional.empty();
    }
    Optional<InetAddress> client = Optional.empty();
    if (forFor != null) {
      String[] hops = forFor.split(",", -1); // a trailing empty entry is an unknown client, not none
      for (int i = hops.length - 1; i >= 0; i--) {
        client = node(hops[i].trim());
        if (client.isEmpty() || !trusted.trusts(client.get())) {
          break;
        }
      }
    }
    return Optional.of(new Hop(client, proto(proto), host(host), port(port)));
  }

  private ClientRequest with(Hop hop, Function<String, List<String>> headers) {
    String clientAddress = hop.client().map(IpAddress::canonical).orElse(address);
    if (hop.proto().isEmpty() && hop.host().isEmpty() && hop.port().isEmpty()) {
      return new ClientRequest(clientAddress, scheme, host, port, true);
    }
    String newScheme = hop.proto().orElse(scheme);
    String newHost = host;
    Optional<Integer> explicitPort = hop.port();
    if (hop.host().isPresent()) {
      Matcher m = HOST.matcher(hop.host().get());
      if (m.matches()) { // checked by host() already
        newHost = bare(m.group(1) != null ? m.group(1) : m.group(2));
        explicitPort = explicitPort.or(() -> port(m.group(3)));
      }
    } else if (explicitPort.isEmpty()) {
      // Only the scheme was forwarded: the Host the proxy passed on still says the port, if it has one.
      explicitPort = Optional.ofNullable(rightMost(joined(headers, "Host")))
          .map(h -> HOST.matcher(h.toLowerCase(Locale.ROOT)))
          .filter(Matcher::matches)
          .flatMap(m -> port(m.group(3)));
    }
    int newPort = explicitPort.orElse(newScheme.equals("https") ? 443 : 80);
    return new ClientRequest(clientAddress, newScheme, newHost, newPort, true);
  }

  /**
   * A hop's address: {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code 2001:db8::1},
   * {@code [2001:db8::1]:4711}; empty for {@code unknown}, an obfuscated {@code _name} or junk.
   */
  static Optional<InetAddress> node(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.trim();
    if (v.startsWith("[")) {
      int close = v.indexOf(']');
      if (close < 0 || !(close == v.length() - 1 || v.charAt(close + 1) == ':')) {
        return Optional.empty();
      }
      String address = v.substring(1, close);
      return address.contains(":") ? IpAddress.parse(address) : Optional.empty();
    }
    int colon = v.indexOf(':');
    if (colon >= 0 && colon == v.lastIndexOf(':')) {
      v = v.substring(0, colon); // IPv4 with a port
    }
    return IpAddress.parse(v);
  }

  private static Optional<String> proto(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String p = value.trim().toLowerCase(Locale.ROOT);
    return p.equals("http") || p.equals("https") ? Optional.of(p) : Optional.empty();
  }

  private static Optional<String> host(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String h = value.trim().toLowerCase(Locale.ROOT);
    Matcher m = HOST.matcher(h);
    if (!m.matches() || (m.group(1) != null && IpAddress.parse(m.group(1)).isEmpty())
        || (m.group(3) != null && port(m.group(3)).isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(h);
  }

  private static Optional<Integer> port(String value) {
    if (value == null || !value.trim().matches("[0-9]{1,5}")) {
      return Optional.empty();
    }
    int p = Integer.parseInt(value.trim());
    return p >= 1 && p <= 65535 ? Optional.of(p) : Optional.empty();
  }

  /** All lines of a header joined as one list, or null when absent. */
  private static String joined(Function<String, List<String>> headers, String name) {
    List<String> values = headers.apply(name);
    return values == null || values.isEmpty() ? null : String.join(",", values);
  }

  private static String rightMost(String list) {
    if (list == null) {
      return null;
    }
    String last = list.substring(list.lastIndexOf(',') + 1).trim();
    return last.isEmpty() ? null : last;
  }

  /**
   * Lower case, IPv6 without brackets. A trailing dot stays: a browser at {@code charon.lan.}
   * sends it in {@code Origin} too.
   */
  private static String bare(String host) {
    if (host == null) {
      return "";
    }
    String h = host.trim().toLowerCase(Locale.ROOT);
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  /** {@code scheme://host:port}, to compare with an {@code Origin}. */
  public String origin() {
    return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
