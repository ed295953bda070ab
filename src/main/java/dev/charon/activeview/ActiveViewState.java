package dev.charon.activeview;

import dev.charon.encounter.Token;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the shared terminal shows, as one immutable value. A change is a new value built
 * by a pure transition; nothing mutates an existing one, so a reader (a projection, a
 * serialiser on another thread) can never see a half-made change.
 *
 * <p>Field meanings are those of spec/state-and-events.md §2, plus {@code bridge}: the BRIDGE
 * view's tab, map level and selection and the explore switch ({@link BridgeNav}, docs/bridge.md),
 * which the original kept per browser and is shared here, and {@code playerMovement}: whether
 * players may move their own tokens from their phones (docs/protocol.md, "At the table"), off at
 * every start like the rest of this state; {@code projector}: the GM's viewport every terminal follows,
 * null when projector mode is off ({@link Projector}), and {@code legendVisible}: whether the
 * terminal shows the map legend (docs/protocol.md, "Projector and legend"), and {@code initiative}: the optional turn
 * order, null when off ({@link Initiative}). Map fields keep insertion order so
 * that events and tests are deterministic.
 */
public record ActiveViewState(
    ViewType viewType,
    String locationSlug,
    String viewSlug,
    String overlayLocationSlug,
    String overlayTerminalSlug,
    String charonMode,
    String charonLocationPath,
    boolean charonDialogOpen,
    String charonActiveChannel,
    int encounterLevel,
    String encounterDeckId,
    Map<String, Boolean> roomVisibility,
    Map<String, String> doorStatus,
    Map<String, Token> tokens,
    List<String> activePortraits,
    Map<String, ShipOverride> shipOverrides,
    BridgeNav bridge,
    boolean playerMovement,
    Projector projector,
    boolean legendVisible,
    Initiative initiative) {

  /** The state at every start of the server: nothing survives a restart, by design. */
  public static final ActiveViewState STANDBY = new ActiveViewState(
      ViewType.STANDBY, "", "", "", "", "DISPLAY", "", false, "story", 1, "",
      Map.of(), Map.of(), Map.of(), List.of(), Map.of(), BridgeNav.DEFAULT, false, null, false, null);

  public ActiveViewState {
    roomVisibility = frozen(roomVisibility);
    doorStatus = frozen(doorStatus);
    tokens = frozen(tokens);
    activePortraits = List.copyOf(activePortraits);
    shipOverrides = frozen(shipOverrides);
    bridge = bridge == null ? BridgeNav.DEFAULT : bridge;
    // Here rather than in each transition that drops tokens (remove, clear, a location switch, a
    // reload's pruning): the order can never name a token that is gone, whoever removed it.
    initiative = initiative == null ? null : initiative.keepOnly(tokens);
  }

  private static final Class<?> FROZEN = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();

  /**
   * Copies a map the caller handed in; a map that is already one of our frozen copies (an
   * unchanged field carried over from the previous state) is shared, not copied again, so a
   * token move does not copy every other map of the state.
   */
  @SuppressWarnings("unchecked")
  private static <K, V> Map<K, V> frozen(Map<K, V> m) {
    if (m.getClass() == FROZEN) {
      return m;
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  public boolean overlayOpen() {
    return !overlayLocationSlug.isEmpty() && !overlayTerminalSlug.isEmpty();
  }

  public boolean revealed(String roomId) {
    return Boolean.TRUE.equals(roomVisibility.get(roomId));
  }

  /** Whether players may see this token: in a revealed room and not marked hidden (the player projection's rule). */
  public boolean playersSee(Token token) {
    return revealed(token.roomId()) && !token.isHidden();
  }

  /** A builder seeded with this state, for transitions that change several fields at once. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  public ActiveViewState withTokens(Map<String, Token> newTokens) {
    return toBuilder().tokens(newTokens).build();
  }

  public ActiveViewState withRoomVisibility(Map<String, Boolean> newVisibility) {
    return toBuilder().roomVisibility(newVisibility).build();
  }

  /** Mutable only while a transition assembles the next state. */
  public static final class Builder {
    private ViewType viewType;
    private String locationSlug;
    private String viewSlug;
    private String overlayLocationSlug;
    private String overlayTerminalSlug;
    private String charonMode;
    private String charonLocationPath;
    private boolean charonDialogOpen;
    private String charonActiveChannel;
    private int encounterLevel;
    private String encounterDeckId;
    private Map<String, Boolean> roomVisibility;
    private Map<String, String> doorStatus;
    private Map<String, Token> tokens;
    private List<String> activePortraits;
    private Map<String, ShipOverride> shipOverrides;
    private BridgeNav bridge;
    private boolean playerMovement;
    private Projector projector;
    private boolean legendVisible;
    private Initiative initiative;

    private Builder(ActiveViewState s) {
      viewType = s.viewType;
      locationSlug = s.locationSlug;
      viewSlug = s.viewSlug;
      overlayLocationSlug = s.overlayLocationSlug;
      overlayTerminalSlug = s.overlayTerminalSlug;
      charonMode = s.charonMode;
      charonLocationPath = s.charonLocationPath;
      charonDialogOpen = s.charonDialogOpen;
      charonActiveChannel = s.charonActiveChannel;
      encounterLevel = s.encounterLevel;
      encounterDeckId = s.encounterDeckId;
      roomVisibility = s.roomVisibility;
      doorStatus = s.doorStatus;
      tokens = s.tokens;
      activePortraits = s.activePortraits;
      shipOverrides = s.shipOverrides;
      bridge = s.bridge;
      playerMovement = s.playerMovement;
      projector = s.projector;
      legendVisible = s.legendVisible;
      initiative = s.initiative;
    }

    public Builder viewType(ViewType v) { viewType = v; return this; }
    public Builder locationSlug(String v) { locationSlug = v; return this; }
    public Builder viewSlug(String v) { viewSlug = v; return this; }
    public Builder overlay(String location, String terminal) {
      overlayLocationSlug = location;
      overlayTerminalSlug = terminal;
      return this;
    }
    public Builder charonMode(String v) { charonMode = v; return this; }
    public Builder charonLocationPath(String v) { charonLocationPath = v; return this; }
    public Builder charonDialogOpen(boolean v) { charonDialogOpen = v; return this; }
    public Builder charonActiveChannel(String v) { charonActiveChannel = v; return this; }
    public Builder deck(int level, String deckId) {
      encounterLevel = level;
      encounterDeckId = deckId;
      return this;
    }
    public Builder roomVisibility(Map<String, Boolean> v) { roomVisibility = v; return this; }
    public Builder doorStatus(Map<String, String> v) { doorStatus = v; return this; }
    public Builder tokens(Map<String, Token> v) { tokens = v; return this; }
    public Builder activePortraits(List<String> v) { activePortraits = v; return this; }
    public Builder shipOverrides(Map<String, ShipOverride> v) { shipOverrides = v; return this; }
    public Builder bridge(BridgeNav v) { bridge = v; return this; }
    public Builder playerMovement(boolean v) { playerMovement = v; return this; }
    public Builder projector(Projector v) { projector = v; return this; }
    public Builder legendVisible(boolean v) { legendVisible = v; return this; }
    public Builder initiative(Initiative v) { initiative = v; return this; }

    public ActiveViewState build() {
      return new ActiveViewState(viewType, locationSlug, viewSlug, overlayLocationSlug, overlayTerminalSlug,
          charonMode, charonLocationPath, charonDialogOpen, charonActiveChannel, encounterLevel, encounterDeckId,
          roomVisibility, doorStatus, tokens, activePortraits, shipOverrides, bridge, playerMovement, projector,
          legendVisible, initiative);
    }
  }
}
