package dev.charon.campaign;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The encounter map of one location: one deck for a single map file, several for a
 * {@code map/manifest.yaml}. Decks are sorted by level.
 *
 * @param manifest the manifest's own keys (name, facility_type, total_decks...), empty for a
 *     single-deck map
 */
public record EncounterMap(
    boolean multiDeck, List<Deck> decks, String defaultDeckId, Map<String, Object> manifest, int totalDecks) {

  public EncounterMap {
    decks = List.copyOf(decks);
    manifest = Frozen.map(manifest);
  }

  public Optional<Deck> deck(String deckId) {
    return decks.stream().filter(d -> d.id().equals(deckId)).findFirst();
  }

  public Deck defaultDeck() {
    return deck(defaultDeckId).orElse(decks.get(0));
  }

  /** Room ids are unique across the decks of a location (the loader reports duplicates). */
  public Optional<Deck.Room> room(String roomId) {
    return decks.stream().flatMap(d -> d.rooms().stream()).filter(r -> r.id().equals(roomId)).findFirst();
  }

  public Optional<Deck> deckOfRoom(String roomId) {
    return decks.stream().filter(d -> d.room(roomId).isPresent()).findFirst();
  }

  public Optional<Deck.Connection> connection(String connectionId) {
    return decks.stream().flatMap(d -> d.connections().stream()).filter(c -> c.id().equals(connectionId)).findFirst();
  }

  public List<Deck.Room> allRooms() {
    return decks.stream().flatMap(d -> d.rooms().stream()).toList();
  }
}
