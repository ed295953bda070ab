package dev.charon.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSON request body read strictly: it must be an object, and every field is checked for its
 * JSON type (no {@code "3"} for 3, no {@code true} for a number). Each accessor names the field
 * in the 400 it throws, so the client knows exactly what to fix.
 */
public final class Body {
  /** Bodies above this size are refused with 413 before they are parsed. */
  public static final int MAX_BODY_BYTES = 64 * 1024;
  /** Default cap on any free-text field. */
  public static final int MAX_TEXT_CHARS = 200;

  private static final ObjectMapper MAPPER = new ObjectMapper(JsonMapper.factory())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final ObjectNode node;

  private Body(ObjectNode node) {
    this.node = node;
  }

  public static Body empty() {
    return new Body(MAPPER.createObjectNode());
  }

  /** An absent or blank body counts as {@code {}}: several endpoints take no fields. */
  public static Body parse(InputStream in) {
    return parse(in, MAX_BODY_BYTES);
  }

  /** For the few endpoints that take more than {@link #MAX_BODY_BYTES} (a message import). */
  public static Body parse(InputStream in, int maxBytes) {
    byte[] bytes;
    try {
      bytes = in == null ? new byte[0] : in.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      throw ApiError.badRequest(null, "Could not read the request body");
    }
    if (bytes.length > maxBytes) {
      throw new ApiError(413, "Request body is larger than " + maxBytes + " bytes", null);
    }
    if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return empty();
    }
    JsonNode parsed;
    try {
      parsed = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest(null, "Invalid JSON");
    } catch (IOException e) {
      throw ApiError.badRequest(null, "Could not read the request body");
    }
    if (!(parsed instanceof ObjectNode obj)) {
      throw ApiError.badRequest(null, "The request body must be a JSON object");
    }
    return new Body(obj);
  }

  public boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  public String requiredString(String field, int maxChars) {
    return optionalString(field, maxChars).filter(s -> !s.isBlank())
        .orElseThrow(() -> ApiError.badRequest(field, field + " is required"));
  }

  public String string(String field, String fallback, int maxChars) {
    return optionalString(field, maxChars).orElse(fallback);
  }

  /** Trimmed; absent or null gives empty; a non-string or an over-long string is a 400. */
  public Optional<String> optionalString(String field, int maxChars) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
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
   * A string exactly as sent, not trimmed (passwords, message text); absent or null gives empty.
   * Control characters other than line breaks and tabs are still refused.
   */
  public Optional<String> textAsGiven(String field, int maxChars) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
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

  public int requiredInt(String field) {
    return optionalInt(field).orElseThrow(() -> ApiError.badRequest(field, field + " is required"));
  }

  public Optional<Integer> optionalInt(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw ApiError.badRequest(field, field + " must be an integer");
    }
    return Optional.of(v.intValue());
  }

  public Optional<Boolean> optionalBoolean(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isBoolean()) {
      throw ApiError.badRequest(field, field + " must be true or false");
    }
    return Optional.of(v.booleanValue());
  }

  public Optional<List<String>> optionalStringList(String field, int maxItems, int maxChars) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
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
      if (!item.isTextual() || item.textValue().length() > maxChars) {
        throw ApiError.badRequest(field, field + " must be an array of strings of at most " + maxChars + " characters");
      }
      out.add(item.textValue().trim());
    }
    return Optional.of(out);
  }

  public List<String> requiredStringList(String field, int maxItems, int maxChars) {
    return optionalStringList(field, maxItems, maxChars)
        .orElseThrow(() -> ApiError.badRequest(field, field + " is required"));
  }

  /** A required array of non-negative integers (ids). */
  public List<Long> requiredLongList(String field, int maxItems) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
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
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
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

  /** The raw value, for fields whose type decides their meaning. */
  public Optional<JsonNode> raw(String field) {
    return Optional.ofNullable(node.get(field)).filter(v -> !v.isNull());
  }
}
