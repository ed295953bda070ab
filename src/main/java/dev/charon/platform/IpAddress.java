package dev.charon.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals, parsed without ever asking DNS: {@link InetAddress#getByName} resolves
 * anything that is not a literal, and these strings come from settings and from request headers
 * a client may have written.
 */
public final class IpAddress {
  private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  // Hex digits and colons (and the dotted tail of ::ffff:1.2.3.4); the JDK then parses it as a
  // literal: a string with a colon and a leading hex digit or colon is never looked up.
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:][0-9a-f:.]*");

  private IpAddress() {}

  /**
   * @param text an IPv4 address ({@code 192.0.2.1}) or an IPv6 address ({@code 2001:db8::1},
   *     without brackets; a zone {@code %eth0} is dropped)
   * @return the address, IPv4-mapped IPv6 addresses as IPv4; empty for anything else
   */
  public static Optional<InetAddress> parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 45) {
      return Optional.empty();
    }
    String t = text.toLowerCase(java.util.Locale.ROOT);
    int zone = t.indexOf('%');
    if (zone > 0 && t.indexOf(':') >= 0) {
      t = t.substring(0, zone); // a link-local peer's zone (fe80::1%eth0) says nothing about who it is
    }
    try {
      if (IPV4.matcher(t).matches()) {
        for (String part : t.split("\\.")) {
          if (Integer.parseInt(part) > 255) {
            return Optional.empty();
          }
        }
        return Optional.of(InetAddress.getByName(t));
      }
      if (t.indexOf(':') >= 0 && IPV6.matcher(t).matches()) {
        return Optional.of(InetAddress.getByName(t));
      }
    } catch (UnknownHostException | RuntimeException e) {
      // not a literal after all
    }
    return Optional.empty();
  }

  /** One spelling per address (the JDK's), so that throttles count {@code ::1} and {@code 0:0::1} as one. */
  public static String canonical(InetAddress address) {
    return address.getHostAddress();
  }
}
