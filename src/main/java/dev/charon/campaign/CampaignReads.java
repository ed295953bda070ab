package dev.charon.campaign;

import dev.charon.activeview.ActiveView;
import dev.charon.activeview.ActiveViewState;
import dev.charon.web.ApiError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The campaign read endpoints' logic: look up what was loaded, apply the player's view of the
 * active state, and name what each answer depends on for its ETag. Nothing here reads a file;
 * the campaign was parsed once when it was loaded.
 */
public final class CampaignReads {
  private final CampaignHolder holder;
  private final ActiveView activeView;

  public CampaignReads(CampaignHolder holder, ActiveView activeView) {
    this.holder = holder;
    this.activeView = activeView;
  }

  public Cacheable locations() {
    Campaign c = holder.current();
    return Cacheable.json(() -> CampaignJson.locations(c), "locations", c.contentVersion());
  }

  /**
   * The player's map: only for the location on screen, and only its revealed rooms (a room is
   * revealed when its visibility entry is {@code true}; a missing entry means hidden). Doors go
   * by their {@link DoorIds}, as in the player projection.
   */
  public Cacheable playerMap(String slug, Optional<String> deckId) {
    Campaign c = holder.current();
    ActiveViewState s = activeView.state();
    if (!slug.equals(s.locationSlug())) {
      // The same answer as for an unknown slug: players learn nothing about other locations.
      throw ApiError.notFound(null, "Location not found");
    }
    Location l = location(c, slug);
    EncounterMap m = map(l);
    Deck d = deckId.isPresent() ? deck(m, deckId.get()) : m.deck(s.encounterDeckId()).orElse(m.defaultDeck());
    String revealed = String.join(",", d.rooms().stream().map(Deck.Room::id).filter(s::revealed).toList());
    DoorIds doorIds = holder.doorIds();
    return Cacheable.json(() -> CampaignJson.map(l, m, d, s::revealed, id -> doorIds.forPlayers(slug, id)),
        "player-map", c.contentVersion(), slug, d.id(), revealed, doorIds.fingerprint());
  }

  /** The GM's map: every room. Without a deck id, the location's own default deck (defect 6.10). */
  public Cacheable gmMap(String slug, Optional<String> deckId) {
    Campaign c = holder.current();
    Location l = location(c, slug);
    EncounterMap m = map(l);
    Deck d = deckId.isPresent() ? deck(m, deckId.get()) : m.defaultDeck();
    return Cacheable.json(() -> CampaignJson.map(l, m, d, room -> true, id -> id), "gm-map", c.contentVersion(), slug,
        d.id());
  }

  /** Every deck's rooms; visibility and deck from the state when this is the location on screen. */
  public Cacheable allDecks(String slug) {
    Campaign c = holder.current();
    ActiveViewState s = activeView.state();
    Location l = location(c, slug);
    EncounterMap m = map(l);
    boolean current = slug.equals(s.locationSlug());
    Map<String, Boolean> visibility = new LinkedHashMap<>();
    m.allRooms().forEach(r -> visibility.put(r.id(), current && s.revealed(r.id())));
    String deckId = current && m.deck(s.encounterDeckId()).isPresent() ? s.encounterDeckId() : m.defaultDeckId();
    return Cacheable.json(() -> CampaignJson.allDecks(l, m, visibility, deckId),
        "all-decks", c.contentVersion(), slug, visibility, deckId);
  }

  /** A comm terminal for players: only while the GM has it open as the overlay. */
  public Cacheable playerTerminal(String locationSlug, String terminalSlug) {
    ActiveViewState s = activeView.state();
    if (!s.overlayOpen() || !s.overlayLocationSlug().equals(locationSlug)
        || !s.overlayTerminalSlug().equals(terminalSlug)) {
      throw ApiError.notFound(null, "Terminal not found");
    }
    return gmTerminal(locationSlug, terminalSlug);
  }

  public Cacheable gmTerminal(String locationSlug, String terminalSlug) {
    Campaign c = holder.current();
    Location l = location(c, locationSlug);
    CommTerminal t = l.terminal(terminalSlug).orElseThrow(() -> ApiError.notFound(null, "Terminal not found"));
    return Cacheable.json(() -> CampaignJson.terminal(l, t), "terminal", c.contentVersion(), locationSlug,
        terminalSlug);
  }

  public Cacheable tokenImages() {
    Campaign c = holder.current();
    return Cacheable.json(() -> CampaignJson.tokenImages(c), "token-images", c.contentVersion());
  }

  public Cacheable shipStatus() {
    Campaign c = holder.current();
    ActiveViewState s = activeView.state();
    Ship ship = c.ship().orElseThrow(() -> ApiError.notFound(null, "Ship data not found"));
    return Cacheable.json(() -> CampaignJson.shipStatus(ship, s.shipOverrides()), "ship", c.contentVersion(),
        s.shipOverrides());
  }

  public Cacheable problems() {
    Campaign c = holder.current();
    return Cacheable.json(() -> CampaignJson.problems(c), "problems", c.contentVersion());
  }

  private static Location location(Campaign c, String slug) {
    return c.location(slug).orElseThrow(() -> ApiError.notFound(null, "Location not found"));
  }

  private static EncounterMap map(Location l) {
    return l.map().orElseThrow(() -> ApiError.notFound(null, "No map data for location"));
  }

  private static Deck deck(EncounterMap m, String deckId) {
    return m.deck(deckId).orElseThrow(() -> ApiError.notFound("deck_id", "Deck not found: " + deckId));
  }
}
