package dev.charon.platform;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies whose forwarding headers Charon believes ({@code charon.trusted.proxies}):
 * a list of IPv4 and IPv6 networks in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}) or
 * single addresses. Unset, no one is trusted: a client that writes {@code X-Forwarded-For}
 * itself must never get a throttle count of its own per invented address.
 */
public final class TrustedProxies {
  /** Unset: headers are never believed. */
  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  /** One network: the first {@code prefixBits} bits of {@code network}. */
  record Network(byte[] network, int prefixBits) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false; // IPv4 never matches an IPv6 network and the other way round
      }
      int full = prefixBits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefixBits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
      try {
        return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixBits;
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e); // a 4- or 16-byte array is always an address
      }
    }
  }

  private final List<Network> networks;

  private TrustedProxies(List<Network> networks) {
    this.networks = List.copyOf(networks);
  }

  /**
   * @param value comma-separated networks or addresses ({@code 127.0.0.1, 10.0.0.0/8, ::1, fd00::/8})
   * @throws StartupException naming {@code setting} for an entry that is neither
   */
  public static TrustedProxies parse(String setting, String value) {
    List<Network> networks = new ArrayList<>();
    for (String raw : value.split(",")) {
      String entry = raw.trim();
      if (!entry.isEmpty()) {
        networks.add(parseEntry(setting, entry));
      }
    }
    if (networks.isEmpty()) {
      throw new StartupException(setting + " = '" + value + "' lists no address: list your reverse proxies' "
          + "addresses or networks, separated by commas (e.g. 127.0.0.1,10.0.0.0/8,::1), or unset it to trust none");
    }
    return new TrustedProxies(networks);
  }

  private static Network parseEntry(String setting, String entry) {
    int slash = entry.indexOf('/');
    String address = slash < 0 ? entry : entry.substring(0, slash);
    Optional<InetAddress> parsed = IpAddress.parse(address);
    if (parsed.isPresent()) {
      byte[] bytes = parsed.get().getAddress();
      int maxBits = bytes.length * 8;
      int bits = maxBits;
      if (slash >= 0) {
        String prefix = entry.substring(slash + 1);
        bits = prefix.matches("[0-9]{1,3}") ? Integer.parseInt(prefix) : -1;
      }
      // An IPv4-mapped ::ffff:a.b.c.d/n arrives as IPv4 with an IPv6 prefix length: refused as a typo.
      if (bits >= 0 && bits <= maxBits && (slash < 0 || address.contains(":") == (bytes.length == 16))) {
        return new Network(bytes, bits);
      }
    }
    throw new StartupException(setting + " has '" + entry + "', which is not an IP address or network: fix that "
        + "entry (e.g. 127.0.0.1, 10.0.0.0/8, ::1, fd00::/8; no host names)");
  }

  /** True when the setting is unset. */
  public boolean none() {
    return networks.isEmpty();
  }

  /** @param address an IP address literal (a socket's peer, or a hop of a forwarding header) */
  public boolean trusts(String address) {
    if (networks.isEmpty()) {
      return false;
    }
    return IpAddress.parse(address).map(this::trusts).orElse(false);
  }

  public boolean trusts(InetAddress address) {
    byte[] bytes = address.getAddress();
    for (Network n : networks) {
      if (n.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return networks.isEmpty() ? "none" : String.join(", ", networks.stream().map(Network::toString).toList());
  }
}
