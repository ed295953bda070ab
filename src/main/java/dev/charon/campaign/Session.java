package dev.charon.campaign;

import java.util.List;

/**
 * A session log, {@code campaign/sessions/*.md} (data-format.md §6.4).
 *
 * @param date the front matter's date up to its first space ("2183-03-14 evening" → "2183-03-14")
 * @param body the Markdown text after the front matter, rendered by the client as text
 */
public record Session(int number, String date, String title, String location, List<String> npcs, String body,
    String filename) {
  public Session {
    npcs = List.copyOf(npcs);
  }
}
