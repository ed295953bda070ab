package dev.charon.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The RFC 7239 {@code Forwarded} header, parsed strictly: one element per proxy hop, each a list
 * of {@code name=value} pairs (a token or a quoted string), e.g.
 * {@code for=192.0.2.60;proto=https;host=games.example.org, for="[2001:db8::1]:4711"}. A header
 * that breaks the grammar, or names a parameter twice in one element, is malformed and ignored
 * as a whole: half of a header cannot be trusted more than all of it.
 */
final class ForwardedHeader {
  /** Header values longer than this are not parsed (containers cap a header near 8 KB anyway). */
  static final int MAX_CHARS = 8192;

  private ForwardedHeader() {}

  /**
   * @param value the header's lines joined with {@code ,} (null when absent)
   * @return the elements left to right (the last added by the nearest proxy), parameter names in
   *     lower case, values unquoted; empty when the header is absent, empty or malformed
   */
  static Optional<List<Map<String, String>>> parse(String value) {
    if (value == null || value.length() > MAX_CHARS) {
      return Optional.empty();
    }
    List<Map<String, String>> elements = new ArrayList<>();
    Map<String, String> element = new LinkedHashMap<>();
    int i = 0;
    int n = value.length();
    while (true) {
      i = skipWhitespace(value, i);
      if (i < n && value.charAt(i) != ',' && value.charAt(i) != ';') {
        int nameStart = i;
        while (i < n && isTokenChar(value.charAt(i))) {
          i++;
        }
        if (i == nameStart || i >= n || value.charAt(i) != '=') {
          return Optional.empty();
        }
        String name = value.substring(nameStart, i).toLowerCase(Locale.ROOT);
        i++; // '='
        StringBuilder v = new StringBuilder();
        if (i < n && value.charAt(i) == '"') {
          i++;
          boolean closed = false;
          while (i < n) {
            char c = value.charAt(i++);
            if (c == '"') {
              closed = true;
              break;
            }
            if (c == '\\') {
              if (i >= n) {
                return Optional.empty();
              }
              c = value.charAt(i++);
            }
            if (c < 0x20 && c != '\t' || c == 0x7f) {
              return Optional.empty();
            }
            v.append(c);
          }
          if (!closed) {
            return Optional.empty();
          }
        } else {
          int start = i;
          while (i < n && isTokenChar(value.charAt(i))) {
            i++;
          }
          if (i == start) {
            return Optional.empty();
          }
          v.append(value, start, i);
        }
        if (element.putIfAbsent(name, v.toString()) != null) {
          return Optional.empty(); // RFC 7239 §4: a parameter at most once per element
        }
        i = skipWhitespace(value, i);
      }
      if (i >= n) {
        break;
      }
      char sep = value.charAt(i++);
      if (sep == ',') {
        if (!element.isEmpty()) {
          elements.add(Map.copyOf(element));
        }
        element = new LinkedHashMap<>();
      } else if (sep != ';') {
        return Optional.empty();
      }
    }
    if (!element.isEmpty()) {
      elements.add(Map.copyOf(element));
    }
    return elements.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(elements));
  }

  private static int skipWhitespace(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** RFC 7230 tchar. */
  private static boolean isTokenChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
