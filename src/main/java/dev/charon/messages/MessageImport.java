package dev.charon.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.charon.web.ApiError;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates an import file (the export's format) completely before anything is
 * stored. Errors name the field as a path, e.g. {@code messages[3].priority}. Recipients are
 * checked for the username rules but need not exist yet: a backup can be restored before the
 * players are re-created, and a player created later with that name gets those messages.
 */
public final class MessageImport {
  public static final String FORMAT = "charon-messages";
  public static final int FORMAT_VERSION = 1;
  /** An import is the only large body Charon takes: 10,000 full-length messages fit. */
  public static final int MAX_IMPORT_BYTES = 64 * 1024 * 1024;
  static final int MAX_MESSAGES = 100_000;
  static final int MAX_CREATED_BY_CHARS = 64;
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  /** The account username rule (security.Accounts), repeated so that messages stay independent. */
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{3,32}");

  private MessageImport() {}

  public static List<Exported> parse(ObjectNode body) {
    JsonNode format = body.get("format");
    if (format != null && !FORMAT.equals(format.asText())) {
      throw ApiError.badRequest("format", "format must be '" + FORMAT + "'");
    }
    JsonNode version = body.get("format_version");
    if (version != null && !(version.isIntegralNumber() && version.intValue() == FORMAT_VERSION)) {
      throw ApiError.badRequest("format_version", "format_version must be " + FORMAT_VERSION);
    }
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray()) {
      throw ApiError.badRequest("messages", "messages must be an array");
    }
    if (messages.size() > MAX_MESSAGES) {
      throw ApiError.badRequest("messages", "messages must have at most " + MAX_MESSAGES + " items");
    }
    List<Exported> out = new ArrayList<>(messages.size());
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < messages.size(); i++) {
      Exported e = message(messages.get(i), "messages[" + i + "].");
      if (!keys.add(e.key())) {
        throw ApiError.badRequest("messages[" + i + "].key", "key " + e.key() + " appears twice in the file");
      }
      out.add(e);
    }
    return out;
  }

  private static Exported message(JsonNode m, String at) {
    if (!m.isObject()) {
      throw ApiError.badRequest(at.substring(0, at.length() - 1), "each message must be an object");
    }
    String key = text(m, at, "key", 36, true);
    if (!KEY.matcher(key).matches()) {
      throw ApiError.badRequest(at + "key", "key must be a lower-case UUID");
    }
    String content = text(m, at, "content", Messages.MAX_CONTENT_CHARS, true);
    if (content.isBlank()) {
      throw ApiError.badRequest(at + "content", "content must not be blank");
    }
    String sender = text(m, at, "sender", Messages.MAX_SENDER_CHARS, false);
    String priorityName = text(m, at, "priority", 10, false);
    Priority priority = priorityName.isEmpty() ? Priority.NORMAL : Priority.parse(priorityName)
        .orElseThrow(() -> ApiError.badRequest(at + "priority", "priority must be one of: " + Priority.choices()));
    Instant createdAt = instant(m, at, "created_at");
    String createdBy = text(m, at, "created_by", MAX_CREATED_BY_CHARS, false);
    List<String> recipients = new ArrayList<>();
    for (JsonNode r : array(m, at, "recipients")) {
      if (!r.isTextual() || !USERNAME.matcher(r.textValue()).matches()) {
        throw ApiError.badRequest(at + "recipients", "recipients must be usernames (3–32 of a–z 0–9 _ . -)");
      }
      recipients.add(r.textValue());
    }
    List<Exported.ReadMark> reads = new ArrayList<>();
    for (JsonNode r : array(m, at, "read_by")) {
      String username = r.isObject() ? text(r, at + "read_by.", "username", 32, true) : "";
      if (!USERNAME.matcher(username).matches()) {
        throw ApiError.badRequest(at + "read_by", "read_by must be objects with a username and read_at");
      }
      reads.add(new Exported.ReadMark(username, instant(r, at + "read_by.", "read_at")));
    }
    JsonNode id = m.get("id");
    return new Exported(key, id != null && id.canConvertToLong() ? id.longValue() : null,
        sender.isBlank() ? Messages.DEFAULT_SENDER : sender, content, priority, createdAt,
        createdBy.isBlank() ? "import" : createdBy, recipients, reads);
  }

  private static String text(JsonNode m, String at, String field, int maxChars, boolean required) {
    JsonNode v = m.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw ApiError.badRequest(at + field, field + " is required");
      }
      return "";
    }
    if (!v.isTextual()) {
      throw ApiError.badRequest(at + field, field + " must be a string");
    }
    if (v.textValue().length() > maxChars) {
      throw ApiError.badRequest(at + field, field + " must be at most " + maxChars + " characters");
    }
    return v.textValue();
  }

  private static Instant instant(JsonNode m, String at, String field) {
    String s = text(m, at, field, 40, true);
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(at + field, field + " must be an ISO-8601 UTC time such as 2183-07-01T08:00:00Z");
    }
  }

  private static Iterable<JsonNode> array(JsonNode m, String at, String field) {
    JsonNode v = m.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw ApiError.badRequest(at + field, field + " must be an array");
    }
    return v;
  }
}
