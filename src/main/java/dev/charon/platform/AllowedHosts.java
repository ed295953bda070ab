package dev.charon.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host names Charon answers to ({@code charon.allowed.hosts}), against DNS rebinding: a page
 * on another site can point its own name at this machine and then read the terminal through a
 * player's browser, but that browser still sends the page's own name in {@code Host}. Unset,
 * any name is accepted (a LAN game by IP address just works); set, only the listed names, each
 * on any port or on the one port given.
 *
 * <p>{@code localhost}, {@code 127.0.0.1} and {@code [::1]} are always accepted, on any port: a
 * rebinding page can never make a browser send them, and the run command's URLs and a health
 * check on the machine itself keep working.
 */
public final class AllowedHosts {
  /** Unset: every host name. */
  public static final AllowedHosts ANY = new AllowedHosts(List.of());
  static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1");
  private static final int ANY_PORT = -1;
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");

  /** @param port {@link #ANY_PORT} when the entry names no port */
  record Entry(String host, int port) {
    @Override
    public String toString() {
      String h = host.contains(":") ? "[" + host + "]" : host;
      return port == ANY_PORT ? h : h + ":" + port;
    }
  }

  private final List<Entry> entries;

  private AllowedHosts(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * @param value comma-separated entries: {@code name}, {@code name:port}, an IPv4 address, an
   *     IPv6 address in brackets ({@code [fe80::1]}, {@code [fe80::1]:8080})
   * @throws StartupException naming {@code setting} for an entry that is not a host name
   */
  public static AllowedHosts parse(String setting, String value) {
    List<Entry> entries = new ArrayList<>();
    for (String raw : value.split(",")) {
      String entry = raw.trim().toLowerCase(Locale.ROOT);
      if (!entry.isEmpty()) {
        entries.add(parseEntry(setting, entry));
      }
    }
    if (entries.isEmpty()) {
      throw new StartupException(setting + " = '" + value + "' lists no host name: list the names Charon is "
          + "reached by, separated by commas (e.g. charon.lan,192.168.1.20:8080), or unset it to accept any");
    }
    return new AllowedHosts(entries);
  }

  private static Entry parseEntry(String setting, String entry) {
    String host = entry;
    String port = null;
    if (entry.startsWith("[")) {
      int close = entry.indexOf(']');
      if (close > 0 && (close == entry.length() - 1 || entry.charAt(close + 1) == ':')) {
        host = entry.substring(1, close);
        port = close == entry.length() - 1 ? null : entry.substring(close + 2);
      }
    } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
      host = entry.substring(0, entry.indexOf(':'));
      port = entry.substring(entry.indexOf(':') + 1);
    }
    host = withoutTrailingDot(host);
    boolean validHost = entry.startsWith("[") ? IPV6.matcher(host).matches() : NAME.matcher(host).matches();
    int number = port == null ? ANY_PORT : parsePort(port);
    if (!validHost || number == 0) {
      throw new StartupException(setting + " has '" + entry + "', which is not a host name, name:port, IPv4 "
          + "address or [IPv6 address]: fix that entry (e.g. charon.lan, charon.lan:8080, [fe80::1]:8080)");
    }
    return new Entry(host, number);
  }

  /** 0 for anything but 1-65535. */
  private static int parsePort(String port) {
    if (!port.matches("[0-9]{1,5}")) {
      return 0;
    }
    int n = Integer.parseInt(port);
    return n <= 65535 ? n : 0;
  }

  private static String withoutTrailingDot(String host) {
    // "charon.lan." is the same name as "charon.lan" (fully qualified); browsers send it as typed.
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  /**
   * These names and {@code host} on any port (the public URL's host: a proxy may pass it on without
   * the port the browser used). Unset stays unset: every name is answered anyway.
   */
  public AllowedHosts with(String host) {
    if (entries.isEmpty() || allows(host, ANY_PORT)) {
      return this;
    }
    List<Entry> more = new ArrayList<>(entries);
    more.add(new Entry(withoutTrailingDot(host.toLowerCase(Locale.ROOT)), ANY_PORT));
    return new AllowedHosts(more);
  }

  /** True when the setting is unset. */
  public boolean any() {
    return entries.isEmpty();
  }

  /**
   * @param serverName the request's host name as the container parsed it from {@code Host}
   *     (IPv6 with or without brackets)
   * @param serverPort the request's port: the one in {@code Host}, else the scheme's default
   */
  public boolean allows(String serverName, int serverPort) {
    if (entries.isEmpty()) {
      return true;
    }
    if (serverName == null) {
      return false;
    }
    String host = serverName.trim().toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    host = withoutTrailingDot(host);
    if (LOOPBACK.contains(host)) {
      return true;
    }
    for (Entry e : entries) {
      if (e.host().equals(host) && (e.port() == ANY_PORT || e.port() == serverPort)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    if (entries.isEmpty()) {
      return "any host name";
    }
    List<String> names = entries.stream().map(Entry::toString).toList();
    return String.join(", ", names) + " (and always localhost, 127.0.0.1, [::1])";
  }
}
