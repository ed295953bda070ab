package dev.charon.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON request body read strictly, the one place every write endpoint reads its input. A script
 * with a bug must get a 4xx, never a write built from defaults, so this refuses:
 * <ul>
 *   <li>a body without {@code Content-Type: application/json} (415), or any other declared type;
 *   <li>malformed JSON, anything after the object ({@code {..} garbage}, {@code {..}{..}}),
 *       duplicate keys, and a top-level value that is not an object (400);
 *   <li>an empty body, unless the endpoint takes no fields at all ({@link #none});
 *   <li>{@code null} for any field: no field of the API gives null a meaning, so it is refused
 *       rather than read as "absent" (which would quietly apply a default);
 *   <li>a field of the wrong JSON type (no {@code "3"} for 3, no {@code true} for a number), and
 *       an enum value that is not spelled exactly ({@link #requiredExact}: no trimming, no case
 *       folding).
 * </ul>
 * Each accessor names the field in the 400 it throws, so the client knows exactly what to fix.
 * Every check runs before the endpoint calls its transition, so a refused write changes nothing.
 */
public final class Body {
  /** Bodies above this size are refused with 413 before they are parsed. */
  public static final int MAX_BODY_BYTES = 64 * 1024;
  /** Default cap on any free-text field. */
  public static final int MAX_TEXT_CHARS = 200;
  /** The 415 message, also for a Content-Type header that cannot be parsed ({@link ContentTypeFilter}). */
  static final String UNSUPPORTED_TYPE = "Content-Type must be application/json";

  private static final ObjectMapper MAPPER = new ObjectMapper(JsonMapper.factory())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  /** Jackson has no typed exception for a duplicate key; its message is the only place the name is. */
  private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)'$");

  private final ObjectNode node;

  private Body(ObjectNode node) {
    this.node = node;
  }

  /** The body of an endpoint that takes fields: a JSON object of at most {@link #MAX_BODY_BYTES}. */
  public static Body of(ContainerRequestContext request) {
    return of(request, MAX_BODY_BYTES);
  }

  /** For the few endpoints that take more than {@link #MAX_BODY_BYTES} (a message import). */
  public static Body of(ContainerRequestContext request, int maxBytes) {
    return parse(request.getHeaderString(HttpHeaders.CONTENT_TYPE), request.getEntityStream(), maxBytes, false);
  }

  /**
   * An object inside a body already read by these rules (an action of a batch), read with the same
   * accessors, so a field is refused the same way wherever it arrives.
   */
  public static Body nested(ObjectNode node) {
    return new Body(node);
  }

  /**
   * Checks the body of an endpoint that takes no fields (hide the overlay, log out, ...): no body
   * at all, or a JSON object (whose fields are ignored), as the SPA sends {@code {}}. Anything
   * else it could not have meant, e.g. a text body, is refused as everywhere else.
   */
  public static void none(ContainerRequestContext request) {
    parse(request.getHeaderString(HttpHeaders.CONTENT_TYPE), request.getEntityStream(), MAX_BODY_BYTES, true);
  }

  /**
   * The rules above on raw input.
   *
   * @param contentType the Content-Type header as sent, or null
   * @param emptyAllowed whether no body at all counts as {@code {}} (endpoints without fields)
   */
  private static Body parse(String contentType, InputStream in, int maxBytes, boolean emptyAllowed) {
    // A declared type is checked before reading, so a large upload of the wrong type is not read.
    if (contentType != null && !isJson(contentType)) {
      throw unsupported();
    }
    byte[] bytes;
    try {
      bytes = in == null ? new byte[0] : in.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SlowClientGuard.TooSlow) {
          throw new ApiError(408, "The request body arrived too slowly (more than "
              + SlowClientGuard.BODY_READ_DEADLINE_SECONDS + " s)", null);
        }
      }
      throw ApiError.badRequest(null, "Could not read the request body");
    }
    if (bytes.length > maxBytes) {
      throw new ApiError(413, "Request body is larger than " + maxBytes + " bytes", null);
    }
    if (bytes.length == 0) {
      if (!emptyAllowed) {
        throw ApiError.badRequest(null, "A JSON object is required as the request body");
      }
      return new Body(MAPPER.createObjectNode());
    }
    if (contentType == null) {
      throw unsupported();
    }
    return new Body(readObject(bytes));
  }

  /** {@code application/json}, with no charset or UTF-8 (RFC 8259: JSON between systems is UTF-8). */
  private static boolean isJson(String contentType) {
    MediaType type;
    try {
      type = MediaType.valueOf(contentType);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
    return "application".equalsIgnoreCase(type.getType()) && "json".equalsIgnoreCase(type.getSubtype())
        && (charset == null || charset.equalsIgnoreCase("utf-8"));
  }

  private static ApiError unsupported() {
    return new ApiError(415, UNSUPPORTED_TYPE, null);
  }

  private static ObjectNode readObject(byte[] bytes) {
    JsonNode parsed;
    try (JsonParser parser = MAPPER.createParser(bytes)) {
      parsed = MAPPER.readTree(parser);
      // readTree stops after the first value: "{..} garbage" or "{..}{..}" would otherwise pass.
      if (parser.nextToken() != null) {
        throw ApiError.badRequest(null, "Invalid JSON: nothing may follow the object");
      }
    } catch (JsonProcessingException e) {
      String duplicate = duplicateField(e);
      throw duplicate == null ? ApiError.badRequest(null, "Invalid JSON")
          : ApiError.badRequest(duplicate, "Invalid JSON: " + duplicate + " is given twice");
    } catch (IOException e) {
      throw ApiError.badRequest(null, "Could not read the request body");
    }
    if (!(parsed instanceof ObjectNode obj)) {
      throw ApiError.badRequest(null, "The request body must be a JSON object");
    }
    return obj;
  }

  /** The repeated key of a top-level duplicate, to name it as the field; null for anything else. */
  private static String duplicateField(JsonProcessingException e) {
    Matcher m = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
    if (!m.matches() || !(e.getProcessor() instanceof JsonParser parser)) {
      return null;
    }
    JsonStreamContext context = parser.getParsingContext();
    boolean topLevel = context != null && context.getParent() != null && context.getParent().inRoot();
    return topLevel ? m.group(1) : null;
  }

  /** The value of a field, or null when it is absent; a JSON {@code null} is refused. */
  private JsonNode value(String field) {
    JsonNode v = node.get(field);
    if (v != null && v.isNull()) {
      throw ApiError.badRequest(field, field + " must not be null (leave it out, or give a value)");
    }
    return v;
  }

  /** A trimmed string that must be present and not blank (ids, names). */
  public String requiredString(String field, int maxChars) {
    return optionalString(field, maxChars).filter(s -> !s.isBlank())
        .orElseThrow(() -> ApiError.badRequest(field, field + " is required"));
  }

  /** A trimmed string that must be present but may be empty, where empty means "none" (a slug to clear). */
  public String requiredStringOrEmpty(String field, int maxChars) {
    return optionalString(field, maxChars).orElseThrow(() -> ApiError.badRequest(field, field + " is required"));
  }

  public String string(String field, String fallback, int maxChars) {
    return optionalString(field, maxChars).orElse(fallback);
  }

  /** Trimmed; absent gives empty; null, a non-string or an over-long string is a 400. */
  public Optional<String> optionalString(String field, int maxChars) {
    JsonNode v = value(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw ApiError.badRequest(field, field + " must be a string");
    }
    String raw = v.textValue();
    // Checked before trimming, which would silently strip a NUL or escape at either end.
    if (raw.chars().anyMatch(c -> (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f)) {
      throw ApiError.badRequest(field, field + " must not contain control characters");
    }
    String s = raw.trim();
    if (s.length() > maxChars) {
      throw ApiError.badRequest(field, field + " must be at most " + maxChars + " characters");
    }
    return Optional.of(s);
  }

  /**
   * A string exactly as sent, not trimmed (passwords, message text); absent gives empty.
   * Control characters other than line breaks and tabs are still refused.
   */
  public Optional<String> textAsGiven(String field, int maxChars) {
    JsonNode v = value(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw ApiError.badRequest(field, field + " must be a string");
    }
    String s = v.textValue();
    if (s.chars().anyMatch(c -> (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f)) {
      throw ApiError.badRequest(field, field + " must not contain control characters");
    }
    if (s.length() > maxChars) {
      throw ApiError.badRequest(field, field + " must be at most " + maxChars + " characters");
    }
    return Optional.of(s);
  }

  /**
   * An enum value, required, exactly as sent: the caller matches it against the names, so
   * {@code " OPEN "} or {@code "open"} is refused rather than trimmed or case-folded into a write.
   */
  public String requiredExact(String field) {
    return optionalExact(field).orElseThrow(() -> ApiError.badRequest(field, field + " is required"));
  }

  /** An enum value, optional, exactly as sent; present but empty is a 400 (it names no value). */
  public Optional<String> optionalExact(String field) {
    JsonNode v = value(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual() || v.textValue().isEmpty()) {
      throw ApiError.badRequest(field, field + " must be a non-empty string");
    }
    // Enum names are short; the cap keeps an error message that quotes the value small.
    if (v.textValue().length() > MAX_TEXT_CHARS) {
      throw ApiError.badRequest(field, field + " must be at most " + MAX_TEXT_CHARS + " characters");
    }
    return Optional.of(v.textValue());
  }

  /** An array of enum values, each exactly as sent (see {@link #requiredExact}). */
  public Optional<List<String>> optionalExactList(String field, int maxItems) {
    return stringList(field, maxItems, item -> !item.isEmpty() && item.length() <= MAX_TEXT_CHARS,
        field + " must be an array of non-empty strings", false);
  }

  /**
   * An array of strings, each accepted by {@code itemOk}, trimmed when {@code trim}; absent gives
   * empty. The one place that reads string arrays, so every one refuses the same things.
   */
  private Optional<List<String>> stringList(String field, int maxItems,
      java.util.function.Predicate<String> itemOk, String itemError, boolean trim) {
    JsonNode v = value(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isArray()) {
      throw ApiError.badRequest(field, field + " must be an array of strings");
    }
    if (v.size() > maxItems) {
      throw ApiError.badRequest(field, field + " must have at most " + maxItems + " items");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual() || !itemOk.test(item.textValue())) {
        throw ApiError.badRequest(field, itemError);
      }
      out.add(trim ? item.textValue().trim() : item.textValue());
    }
    return Optional.of(out);
  }

  public int requiredInt(String field) {
    return optionalInt(field).orElseThrow(() -> ApiError.badRequest(field, field + " is required"));
  }

  public Optional<Integer> optionalInt(String field) {
    JsonNode v = value(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw ApiError.badRequest(field, field + " must be an integer");
    }
    return Optional.of(v.intValue());
  }

  /**
   * A required JSON number (integer or decimal) within {@code [min, max]}. A number too large for
   * a double (1e999) is refused as out of range, never read as infinity.
   */
  public double requiredNumber(String field, double min, double max) {
    JsonNode v = value(field);
    if (v == null) {
      throw ApiError.badRequest(field, field + " is required");
    }
    if (!v.isNumber()) {
      throw ApiError.badRequest(field, field + " must be a number");
    }
    double d = v.doubleValue();
    if (!Double.isFinite(d) || d < min || d > max) {
      throw ApiError.badRequest(field, field + " must be a finite number between " + min + " and " + max);
    }
    return d;
  }

  public Optional<Boolean> optionalBoolean(String field) {
    JsonNode v = value(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isBoolean()) {
      throw ApiError.badRequest(field, field + " must be true or false");
    }
    return Optional.of(v.booleanValue());
  }

  public Optional<List<String>> optionalStringList(String field, int maxItems, int maxChars) {
    return stringList(field, maxItems, item -> item.length() <= maxChars,
        field + " must be an array of strings of at most " + maxChars + " characters", true);
  }

  public List<String> requiredStringList(String field, int maxItems, int maxChars) {
    return optionalStringList(field, maxItems, maxChars)
        .orElseThrow(() -> ApiError.badRequest(field, field + " is required"));
  }

  /** A required array of non-negative integers (ids). */
  public List<Long> requiredLongList(String field, int maxItems) {
    JsonNode v = value(field);
    if (v == null) {
      throw ApiError.badRequest(field, field + " is required");
    }
    if (!v.isArray()) {
      throw ApiError.badRequest(field, field + " must be an array of ids");
    }
    if (v.size() > maxItems) {
      throw ApiError.badRequest(field, field + " must have at most " + maxItems + " items");
    }
    List<Long> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isIntegralNumber() || !item.canConvertToLong() || item.longValue() < 0) {
        throw ApiError.badRequest(field, field + " must be an array of ids (non-negative integers)");
      }
      out.add(item.longValue());
    }
    return out;
  }

  /** An object field, for maps such as room_id → boolean. */
  public Optional<ObjectNode> optionalObject(String field) {
    JsonNode v = value(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof ObjectNode obj)) {
      throw ApiError.badRequest(field, field + " must be an object");
    }
    return Optional.of(obj);
  }

  /** The whole object, for bodies with a nested structure of their own (an import). */
  public ObjectNode node() {
    return node;
  }
}
