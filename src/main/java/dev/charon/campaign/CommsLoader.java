package dev.charon.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.campaign.CommTerminal.TerminalMessage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Comm terminals of one location ({@code <location>/comms/}, data-format.md §5) with their
 * messages, in either storage mode: a central {@code comms/messages/} store routed by owner, or
 * the legacy per-terminal {@code inbox/<contact>/} and {@code sent/<contact>/} folders.
 */
final class CommsLoader {
  static final String MESSAGES_DIR = "messages";
  /** How the wire shows a timestamp: ISO-8601 without zone, always with seconds. */
  static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final List<DateTimeFormatter> ACCEPTED = List.of(
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss"),
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm"),
      DateTimeFormatter.ISO_LOCAL_DATE_TIME);
  /** Messages without a timestamp sort first, then by their file order (the sort is stable). */
  static final Comparator<TerminalMessage> BY_TIME = Comparator.comparing(TerminalMessage::timestamp);

  private final LoadContext ctx;

  CommsLoader(LoadContext ctx) {
    this.ctx = ctx;
  }

  /** One parsed message file before it is put in a folder. */
  private record Letter(TerminalMessage message, List<String> to) {}

  List<CommTerminal> load(Path locationDir) {
    Path comms = locationDir.resolve("comms");
    if (!ctx.files.isDirectory(comms)) {
      return List.of();
    }
    Path central = comms.resolve(MESSAGES_DIR);
    boolean centralMode = ctx.files.isDirectory(central);
    List<Letter> store = centralMode ? ctx.files(central, "md").stream().flatMap(f -> letter(f).stream()).toList() : List.of();
    List<CommTerminal> terminals = new ArrayList<>();
    for (Path dir : ctx.subdirectories(comms)) {
      if (dir.getFileName().toString().equals(MESSAGES_DIR)) {
        continue;
      }
      terminals.add(terminal(dir, centralMode, store));
    }
    return terminals;
  }

  private CommTerminal terminal(Path dir, boolean centralMode, List<Letter> store) {
    String slug = dir.getFileName().toString();
    Path yaml = dir.resolve("terminal.yaml");
    Optional<YamlObject> meta = ctx.files.isFile(yaml) ? ctx.yamlObject(yaml) : Optional.empty();
    String owner = meta.flatMap(m -> m.optionalString("owner")).orElse(slug);
    String name = meta.map(m -> m.string("name", "")).orElse("");
    String terminalId = meta.map(m -> m.string("terminal_id", "")).orElse("");
    String access = meta.flatMap(m -> m.optionalString("access_level")).orElse("PUBLIC");
    String description = meta.map(m -> m.string("description", "")).orElse("");
    List<TerminalMessage> inbox = new ArrayList<>();
    List<TerminalMessage> sent = new ArrayList<>();
    if (centralMode) {
      for (Letter l : store) {
        TerminalMessage m = l.message();
        if (l.to().stream().anyMatch(to -> sameName(to, owner))) {
          inbox.add(filed(m, "inbox", m.from()));
        }
        if (sameName(m.from(), owner)) {
          sent.add(filed(m, "sent", m.to()));
        }
      }
    } else {
      inbox.addAll(folder(dir.resolve("inbox"), "inbox"));
      sent.addAll(folder(dir.resolve("sent"), "sent"));
    }
    inbox.sort(BY_TIME);
    sent.sort(BY_TIME);
    return new CommTerminal(slug, name, owner, terminalId, access, description, inbox, sent);
  }

  /**
   * Exact match after trimming, ignoring case and runs of spaces: "Commander" does not receive
   * mail for "Commander Drake" (the original matched substrings, defect 6.15).
   */
  static boolean sameName(String a, String b) {
    return normal(a).equals(normal(b)) && !normal(a).isEmpty();
  }

  private static String normal(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private List<TerminalMessage> folder(Path dir, String folder) {
    List<TerminalMessage> out = new ArrayList<>();
    if (!ctx.files.isDirectory(dir)) {
      return out;
    }
    for (Path contactDir : ctx.subdirectories(dir)) {
      String contact = contactDir.getFileName().toString();
      for (Path f : ctx.files(contactDir, "md")) {
        letter(f).ifPresent(l -> out.add(filed(l.message(), folder, contact)));
      }
    }
    return out;
  }

  private static TerminalMessage filed(TerminalMessage m, String folder, String contact) {
    return new TerminalMessage(m.messageId(), m.subject(), m.from(), m.to(), m.content(), m.timestamp(),
        m.priority(), m.read(), folder, contact, m.conversationId(), m.inReplyTo());
  }

  private Optional<Letter> letter(Path file) {
    return ctx.markdown(file).map(md -> {
      YamlObject fm = md.frontMatter();
      String filename = file.getFileName().toString();
      List<String> to = fm.strings("to");
      String priority = fm.optionalString("priority").map(p -> p.toUpperCase(Locale.ROOT)).orElse("NORMAL");
      TerminalMessage m = new TerminalMessage(
          fm.optionalString("message_id").orElse(filename),
          fm.string("subject", ""),
          fm.string("from", ""),
          String.join(", ", to),
          fm.has("content") ? fm.string("content", md.body()) : md.body(),
          timestamp(fm.node.get("timestamp")),
          priority,
          fm.bool("read", true),
          "inbox", "",
          fm.string("conversation_id", ""),
          fm.string("in_reply_to", ""));
      return new Letter(m, to);
    });
  }

  /** ISO-8601 without zone when the text is a date-time we know; the text unchanged otherwise. */
  static String timestamp(JsonNode v) {
    if (v == null || v.isNull() || !v.isValueNode()) {
      return "";
    }
    String raw = v.asText().strip();
    for (DateTimeFormatter f : ACCEPTED) {
      try {
        return LocalDateTime.parse(raw, f).format(ISO_SECONDS);
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    try {
      // An unquoted YAML timestamp with a zone: keep the wall-clock time, drop the zone.
      return OffsetDateTime.parse(raw.replace(' ', 'T')).toLocalDateTime().format(ISO_SECONDS);
    } catch (DateTimeParseException e) {
      // not a zoned date-time either
    }
    try {
      return LocalDate.parse(raw).atStartOfDay().format(ISO_SECONDS);
    } catch (DateTimeParseException e) {
      return raw;
    }
  }
}
