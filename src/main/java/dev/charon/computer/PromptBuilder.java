package dev.charon.computer;

import dev.charon.campaign.Campaign;
import dev.charon.campaign.CharonContext;
import dev.charon.campaign.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds what the model is sent (charon-computer.md §5, without its defects): the campaign's
 * system prompt and personality, the databank of the location the channel belongs to, the
 * channel's recent conversation as alternating turns, and the GM's instruction once.
 */
final class PromptBuilder {
  /** Conversation lines sent with each request: enough for follow-up questions, bounded in cost. */
  static final int HISTORY_MESSAGES = 20;
  /** A location's description in the databank is cut here, as the original did. */
  static final int DESCRIPTION_CHARS = 200;

  private PromptBuilder() {}

  /**
   * @param upTo the last message to include (a query being answered), or null for the whole channel
   * @param locationPath the slash-joined path CHARON is at for channels other than an encounter's
   */
  static ModelPrompt build(Campaign campaign, Channel channel, String upTo, String gmPrompt, String contextOverride,
      String locationPath) {
    CharonContext ctx = campaign.charon();
    StringBuilder system = new StringBuilder(ctx.systemPrompt());
    identity(ctx, system);
    locationChain(campaign, channel.name(), locationPath).ifPresent(chain -> {
      system.append("\n\n---\nYOUR DATABANKS CONTAIN:\n");
      databank(chain, system);
    });

    List<ChatMessage> history = channel.messages();
    if (upTo != null) {
      for (int i = 0; i < history.size(); i++) {
        if (history.get(i).id().equals(upTo)) {
          history = history.subList(0, i + 1);
          break;
        }
      }
    }
    history = history.subList(Math.max(0, history.size() - HISTORY_MESSAGES), history.size());
    List<ModelPrompt.Turn> turns = new ArrayList<>();
    for (ChatMessage m : history) {
      add(turns, m.role() == ChatMessage.Role.USER ? "user" : "assistant", m.content());
    }
    if (gmPrompt != null) {
      StringBuilder instruction = new StringBuilder("[GM INSTRUCTION: ").append(gmPrompt).append(']');
      if (contextOverride != null && !contextOverride.isBlank()) {
        instruction.append("\n[GM CONTEXT: ").append(contextOverride).append(']');
      }
      instruction.append("\n\nWrite CHARON's next line.");
      add(turns, "user", instruction.toString());
    }
    // The APIs want the first turn from the user; a channel that opens with a CHARON line (an
    // announcement) keeps it as context in the system prompt instead.
    while (!turns.isEmpty() && turns.get(0).role().equals("assistant")) {
      system.append("\n\nYOU LAST SAID: ").append(turns.remove(0).content());
    }
    if (turns.isEmpty()) {
      turns.add(new ModelPrompt.Turn("user", "Write CHARON's next line."));
    }
    return new ModelPrompt(system.toString(), turns, ctx.maxResponseTokens(), ctx.temperature());
  }

  /** Appends a turn, merging it into the previous one of the same role (the APIs want them alternating). */
  private static void add(List<ModelPrompt.Turn> turns, String role, String content) {
    if (!turns.isEmpty() && turns.get(turns.size() - 1).role().equals(role)) {
      ModelPrompt.Turn last = turns.remove(turns.size() - 1);
      turns.add(new ModelPrompt.Turn(role, last.content() + "\n\n" + content));
    } else {
      turns.add(new ModelPrompt.Turn(role, content));
    }
  }

  private static void identity(CharonContext ctx, StringBuilder out) {
    List<String> lines = new ArrayList<>();
    if (!ctx.name().isBlank()) {
      lines.add("Name: " + ctx.name());
    }
    if (!ctx.designation().isBlank()) {
      lines.add("Designation: " + ctx.designation());
    }
    if (!ctx.tone().isBlank()) {
      lines.add("Tone: " + ctx.tone());
    }
    if (!ctx.manner().isBlank()) {
      lines.add("Manner: " + ctx.manner());
    }
    if (!ctx.quirks().isEmpty()) {
      lines.add("Quirks: " + String.join("; ", ctx.quirks()));
    }
    if (!lines.isEmpty()) {
      out.append("\n\n[PERSONALITY]\n").append(String.join("\n", lines));
    }
  }

  /**
   * The location chain, root first: an {@code encounter-<slug>} channel is at that location;
   * any other channel at the GM's CHARON location ({@code charon_location_path}), if set.
   */
  static Optional<List<Location>> locationChain(Campaign campaign, String channel, String locationPath) {
    Optional<Location> at;
    if (channel.startsWith(ChannelNames.ENCOUNTER_PREFIX)) {
      at = campaign.location(channel.substring(ChannelNames.ENCOUNTER_PREFIX.length()));
    } else if (locationPath != null && !locationPath.isEmpty()) {
      String[] slugs = locationPath.split("/");
      at = campaign.location(slugs[slugs.length - 1]);
    } else {
      at = Optional.empty();
    }
    return at.map(loc -> {
      List<Location> chain = new ArrayList<>();
      for (String slug : loc.path()) {
        campaign.location(slug).ifPresent(chain::add);
      }
      return chain;
    });
  }

  private static void databank(List<Location> chain, StringBuilder out) {
    Location here = chain.get(chain.size() - 1);
    if (here.attributes().get("charon") instanceof Map<?, ?> id) {
      out.append("[SYSTEM IDENTITY]\n");
      out.append("Instance ID: ").append(text(id.get("instance_id"), "UNKNOWN")).append('\n');
      out.append("Clearance Level: ").append(text(id.get("clearance_level"), "PUBLIC")).append('\n');
      if (id.get("designation") != null) {
        out.append("Designation: ").append(text(id.get("designation"), "")).append('\n');
      }
      out.append('\n');
    }
    out.append("[LOCATION HIERARCHY]\n");
    for (Location l : chain) {
      out.append("- ").append(l.type().isBlank() ? "UNKNOWN" : l.type().toUpperCase(java.util.Locale.ROOT))
          .append(": ").append(l.name().isBlank() ? "Unknown" : l.name()).append('\n');
      if (!l.status().isBlank()) {
        out.append("  Status: ").append(l.status()).append('\n');
      }
      if (!l.description().isBlank()) {
        String d = l.description().strip();
        out.append("  Info: ").append(d.length() > DESCRIPTION_CHARS ? d.substring(0, DESCRIPTION_CHARS) + "..." : d)
            .append('\n');
      }
    }
  }

  private static String text(Object v, String fallback) {
    return v == null ? fallback : String.valueOf(v);
  }
}
