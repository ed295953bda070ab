package dev.charon.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.system.ServerProcess;
import dev.charon.system.TomcatServer;
import dev.charon.testing.Agent;
import dev.charon.web.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Issue 20's bad input at real sizes, in Chromium with exact viewports (CDP device metrics, touch
 * emulated where it says so) against a real Tomcat. The campaign is a copy of the demo one with a
 * default deck of 40 rooms (long names, a single 30-letter word, closets of 2×2 cells), 200-character
 * names for a star system, a location, a deck and the ship, and two NPCs without a picture (none
 * given; one naming a file that does not exist). Rules: room names stay legible and inside their own
 * room (so never over another name or a control), a name cut to fit keeps its full text in the room's
 * tooltip and accessible name; long names in the GM console wrap or are cut with the full text as a
 * tooltip, never pushing a control off screen or under another element; a portrait-less NPC shows its
 * initial, never a broken image; a broadcast of the maximum length wraps and scrolls to its last word
 * on the terminal and on a phone, and a longer one is refused with a 400 JSON error; every HTML control
 * in every GM console tab is a 44 px target on a touch screen. Figures are printed, screenshots kept
 * under target/browser-screenshots/bad-input/.
 */
@ExtendWith(Screenshots.class)
class RealSizesBadInputIT {
  private static final Duration UI = Duration.ofSeconds(30);
  private static final String GM_PASSWORD = "bad-input-gm";
  private static final String PLAYER = "dallas";
  private static final String PLAYER_PASSWORD = "bad-input-player";
  private static final String LOCATION = "msv-cormorant";
  private static final String DECK = "cormorant_c";
  private static final int ROOMS = 40;
  private static final Path SHOTS = Screenshots.DIR.resolve("bad-input");
  /** Room labels on screen, by where they are drawn (issue 20). */
  private static final double TV_ROOM_LABEL_PX = 20;
  private static final double TABLET_ROOM_LABEL_PX = 14;
  private static final double GM_ROOM_LABEL_PX = 11;
  private static final double MIN_TOUCH_TARGET_PX = 44;
  /** Messages.MAX_CONTENT_CHARS: the longest broadcast the server takes. */
  private static final int MAX_CONTENT_CHARS = 4000;
  private static final String END_WORD = "OVERANDOUT";

  /** 200 characters, each starting with its own marker so the probe can find where they are shown. */
  static String longName(String marker) {
    String text = marker + " OF THE HALVORSEN FREIGHT COMBINE, REGISTRY HFC-2187, LAST SEEN DRIFTING OFF TETHYS RELAY"
        + " WITH HER TRANSPONDER ACTIVE AND HER CREW SILENT FOR ONE HUNDRED DAYS AND TWELVE NIGHTS, COLD AS THE DEEP SPACE";
    return text.substring(0, 199) + "Z";
  }

  static final String SYSTEM_NAME = longName("SYSTEMNAME");
  static final String LOCATION_NAME = longName("LOCATIONNAME");
  static final String DECK_NAME = longName("DECKNAME");
  static final String SHIP_NAME = longName("SHIPNAME");
  static final List<String> LONG_NAMES = List.of(SYSTEM_NAME, LOCATION_NAME, DECK_NAME, SHIP_NAME);

  /** 40 room names as a GM writes them: short, long, hyphenated, one long word. */
  static final List<String> ROOM_NAMES = List.of("BRIDGE", "AUXILIARY REACTOR COOLANT PUMP ROOM", "GALLEY",
      "STARBOARD HYDROPONICS AND ALGAE VATS", "CRYO BAY 12", "DECONTAMINATIONSCHLEUSENKAMMER", "MEDBAY",
      "XENOBIOLOGY-LABORATORY-ANNEX", "ARMORY", "CAPTAIN'S PRIVATE QUARTERS AND OBSERVATION LOUNGE", "HEAD",
      "PORT SENSOR MAST ACCESS TRUNK", "BRIG", "SECONDARY LIFE SUPPORT SCRUBBER GALLERY", "CARGO HOLD FORWARD",
      "CARGO HOLD AFT", "EVA SUIT LOCKERS", "TORPEDO MAGAZINE (DECOMMISSIONED)", "CHAPEL", "MAINTENANCE CRAWLWAY 7-G",
      "ENGINEERING", "FUEL PROCESSING", "COMMS", "LOWER DECK GRAVITY GENERATOR CONTROL ROOM", "LAUNDRY", "GYM",
      "ESCAPE POD BAY ALPHA", "ESCAPE POD BAY BETA", "HANGAR", "SHUTTLE MAINTENANCE AND REFUELLING", "SICKBAY ISOLATION WARD",
      "ROBOTICS", "MESS HALL", "OFFICERS' WARDROOM", "LIBRARY", "NAVIGATION", "AI CORE", "STORES", "WATER RECLAMATION",
      "AFT AIRLOCK");

  static TomcatServer tomcat;
  static Agent gm;

  @BeforeAll
  static void start() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "bad-input");
    Path campaign = campaignCopy(work);
    tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", GM_PASSWORD, "charon.campaign.dir", campaign.toString()));
    tomcat.start();
    gm = new Agent(tomcat.base()).loggedIn("gm", GM_PASSWORD);
    gm.postJson("api/gm/players/", "{\"username\":\"" + PLAYER + "\",\"password\":\"" + PLAYER_PASSWORD + "\"}");
    gm.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + LOCATION + "\"}");
    JsonNode deck = gm.getJson("api/gm/encounter-map/" + LOCATION + "/").get("current_deck");
    assertEquals(DECK, deck.get("deck_id").asText(), "the 40-room deck is the default one");
    assertEquals(ROOMS, deck.get("rooms").size());
    Map<String, Boolean> all = new LinkedHashMap<>();
    deck.get("rooms").forEach(r -> all.put(r.get("id").asText(), true));
    gm.postJson("api/gm/encounter/room-visibility/", JsonMapper.MAPPER.writeValueAsString(Map.of("room_visibility", all)));
    // a token in every fifth room's corner, so labels sit above pieces too
    int i = 0;
    for (JsonNode room : deck.get("rooms")) {
      if (i++ % 5 == 0) {
        gm.postJson("api/gm/encounter/place-token/", "{\"type\":\"npc\",\"name\":\"T" + i + "\",\"x\":" + room.get("x").asInt()
            + ",\"y\":" + room.get("y").asInt() + "}");
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (tomcat != null) {
      tomcat.close();
    }
  }

  /** The demo campaign with the 40-room deck as the default, long names and picture-less NPCs. */
  static Path campaignCopy(Path work) throws IOException {
    Path copy = TomcatServer.demoCampaignCopy(work);
    replace(copy.resolve("galaxy/charybdis-drift/location.yaml"), "name: \"Charybdis Drift\"", "name: \"" + SYSTEM_NAME + "\"");
    Path cormorant = copy.resolve("galaxy/charybdis-drift/ossuary/msv-cormorant");
    replace(cormorant.resolve("location.yaml"), "name: \"MSV Cormorant\"", "name: \"" + LOCATION_NAME + "\"");
    replace(copy.resolve("campaign/ship.yaml"), "name: \"MV Marrow Lark\"", "name: \"" + SHIP_NAME + "\"");
    Path manifest = cormorant.resolve("map/manifest.yaml");
    replace(manifest, "    default: true\n", "");
    replace(manifest, "total_decks: 2", "total_decks: 3");
    Files.writeString(manifest, Files.readString(manifest) + """
          - id: "%s"
            name: "%s"
            file: "deck_c.yaml"
            level: 3
            default: true
            description: "Forty rooms on one deck."
        """.formatted(DECK, DECK_NAME));
    Files.writeString(cormorant.resolve("map/deck_c.yaml"), fortyRoomDeck());
    Path npcs = copy.resolve("campaign/npcs.yaml");
    Files.writeString(npcs, Files.readString(npcs) + """

          - id: "stowaway"
            name: "Nameless Stowaway"
            role: "Unknown"
            status: "UNKNOWN"
            description: "Nobody took a picture."

          - id: "lost_pilot"
            name: "Pilot Ansel Brandt"
            role: "Shuttle Pilot"
            portrait: "/data/campaign/NPCs/images/no-such-file.png"
            status: "MISSING"
            description: "The portrait named here was never copied into the campaign."
        """);
    return copy;
  }

  private static void replace(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertTrue(text.contains(from), file + " contains " + from);
    Files.writeString(file, text.replace(from, to));
  }

  /** 8 columns × 5 rows; every fifth room a 2×2 closet, every seventh only 2 cells high; doors between neighbours. */
  static String fortyRoomDeck() {
    StringBuilder y = new StringBuilder("""
        deck_id: "%s"
        name: "%s"
        location_name: "MSV Cormorant"
        grid:
          width: 41
          height: 21
          unit_size: 40
        rooms:
        """.formatted(DECK, DECK_NAME));
    for (int i = 0; i < ROOMS; i++) {
      int col = i % 8;
      int row = i / 8;
      y.append("  - id: r").append(i).append("\n    name: \"").append(ROOM_NAMES.get(i)).append("\"\n    x: ")
          .append(1 + col * 5).append("\n    y: ").append(1 + row * 4).append("\n    width: ").append(i % 5 == 0 ? 2 : 4)
          .append("\n    height: ").append(i % 5 == 0 ? 2 : i % 7 == 0 ? 2 : 3)
          .append("\n    status: \"OPERATIONAL\"\n    description: \"Room ").append(i).append(".\"\n");
    }
    y.append("connections:\n");
    for (int i = 0; i < ROOMS; i++) {
      if (i % 8 != 7) {
        y.append("  - id: c").append(i).append("\n    from: r").append(i).append("\n    to: r").append(i + 1)
            .append("\n    door_type: standard\n    door_status: ").append(i % 2 == 0 ? "OPEN" : "CLOSED").append('\n');
      }
    }
    return y.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // 1. forty rooms

  /**
   * Every revealed room's name: its font on screen, its plate's box, its room's box, the text drawn
   * and the full name as the room's tooltip and accessible name; HTML controls' boxes.
   */
  private static final String ROOM_LABELS = """
      const W = innerWidth, H = innerHeight;
      const labels = [];
      for (const g of document.querySelectorAll('.room-label-group')) {
        const id = g.getAttribute('data-label-for');
        const room = document.querySelector('[data-room-id="' + id + '"]');
        const text = g.querySelector('.room-label');
        const plate = g.querySelector('.room-label-plate');
        const m = text.getScreenCTM();
        const px = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.a, m.b);
        const b = (e) => { const r = e.getBoundingClientRect(); return { l: r.left, t: r.top, r: r.right, b: r.bottom }; };
        const title = room && room.querySelector('title') ? room.querySelector('title').textContent : '';
        labels.push({ id, text: [...text.querySelectorAll('tspan')].map((t) => t.textContent).join(' '),
          px: Math.round(px * 10) / 10, plate: b(plate), ink: b(text), room: room ? b(room.querySelector('.room-box')) : null,
          title, aria: room ? room.getAttribute('aria-label') || '' : '' });
      }
      const controls = [...document.querySelectorAll('button, a[href], input, select, textarea')]
        .filter((e) => !e.closest('svg'))
        .map((e) => { const r = e.getBoundingClientRect(); return { name: (e.getAttribute('aria-label') || e.textContent).trim().slice(0, 30),
          l: r.left, t: r.top, r: r.right, b: r.bottom }; })
        .filter((c) => c.r > c.l && c.b > c.t);
      const rooms = [...document.querySelectorAll('.map-rooms .room')].map((r) => ({ id: r.getAttribute('data-room-id'),
        title: r.querySelector('title') ? r.querySelector('title').textContent : '', aria: r.getAttribute('aria-label') || '' }));
      return JSON.stringify({ W, H, labels, rooms, controls, overflowX: document.documentElement.scrollWidth > W });
      """;

  @Test
  void fortyRoomsOnOneDeckKeepEveryNameLegibleInsideItsRoomAndTheFullNameReachable() throws Exception {
    List<String> failures = new ArrayList<>();
    try (Browser b = Screenshots.track(new Browser("forty-rooms"))) {
      setViewport(b, 1920, 1080, false);
      b.driver.get(tomcat.uri("terminal/").toString());
      b.await("forty rooms on the terminal", UI, d -> roomCount(b) == ROOMS);
      checkRoomLabels(b, "terminal", 1920, 1080, TV_ROOM_LABEL_PX, failures);
      checkRoomLabels(b, "terminal", 768, 1024, TABLET_ROOM_LABEL_PX, failures);
      setViewport(b, 1366, 768, false);
      loginGm(b);
      b.await("forty rooms on the GM map", UI, d -> roomCount(b) == ROOMS);
      checkRoomLabels(b, "gm-map", 1366, 768, GM_ROOM_LABEL_PX, failures);
      Screenshots.untrack(b);
    }
    assertEquals(List.of(), failures, "room names on a 40-room deck");
  }

  /**
   * The app-drawn detail of a room (MapDetail, which replaced the browser's native tooltips): on the
   * players' screens a tap shows it, on the GM's map focus does (as hover). Its text, or "" if none.
   */
  private static String detailOf(Browser b, String roomId, boolean gm) {
    b.js("const room = document.querySelector('[data-room-id=\"' + arguments[0] + '\"]');"
        // from nothing shown: a second tap on the same room would close its detail, a second focus not fire
        + "if (arguments[1]) { document.activeElement && document.activeElement.blur(); room.focus(); return; }"
        + "room.ownerSVGElement.dispatchEvent(new MouseEvent('click', { bubbles: true }));"
        + "const r = room.getBoundingClientRect();"
        + "room.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: r.left + 2, clientY: r.top + 2 }));",
        roomId, gm);
    try {
      return b.await("the detail of room " + roomId, Duration.ofSeconds(3), d -> (String) b.js(
          "const d = document.querySelector('[data-testid=map-detail]');"
          + "return d && d.textContent.toUpperCase().includes(arguments[0]) ? d.textContent : null;",
          ROOM_NAMES.get(Integer.parseInt(roomId.substring(1))).toUpperCase()));
    } catch (org.openqa.selenium.TimeoutException e) {
      Object text = b.js("const d = document.querySelector('[data-testid=map-detail]'); return d ? d.textContent : '';");
      return String.valueOf(text);
    }
  }

  private static int roomCount(Browser b) {
    return ((Number) b.js("return document.querySelectorAll('.map-rooms .room').length")).intValue();
  }

  private static void checkRoomLabels(Browser b, String page, int w, int h, double minPx, List<String> failures)
      throws Exception {
    setViewport(b, w, h, false);
    String size = w + "x" + h;
    b.await("the viewport at " + size, UI, d -> Boolean.TRUE.equals(b.js(
        "return innerWidth === arguments[0] && innerHeight === arguments[1]", w, h)));
    settle(b);
    JsonNode m = JsonMapper.MAPPER.readTree((String) b.js(ROOM_LABELS));
    b.screenshot(SHOTS, "forty-rooms-" + page + "-" + size);
    double smallest = Double.MAX_VALUE;
    int cut = 0;
    int overlaps = 0;
    List<JsonNode> labels = new ArrayList<>();
    m.get("labels").forEach(labels::add);
    for (JsonNode l : labels) {
      String where = page + " " + size + " room " + l.get("id").asText() + " \"" + l.get("text").asText() + "\"";
      String full = ROOM_NAMES.get(Integer.parseInt(l.get("id").asText().substring(1)));
      String drawn = l.get("text").asText();
      smallest = Math.min(smallest, l.get("px").asDouble());
      if (l.get("px").asDouble() + 0.05 < minPx) {
        failures.add(where + ": " + l.get("px").asDouble() + " px < " + minPx + " px");
      }
      JsonNode p = l.get("plate");
      if (p.get("l").asDouble() < -0.5 || p.get("t").asDouble() < -0.5 || p.get("r").asDouble() > w + 0.5
          || p.get("b").asDouble() > h + 0.5) {
        failures.add(where + ": off the screen");
      }
      // inside its own room: rooms never overlap, so a name inside its room never covers another's
      JsonNode r = l.get("room");
      for (String box : List.of("plate", "ink")) {
        JsonNode q = l.get(box);
        if (q.get("l").asDouble() < r.get("l").asDouble() - 0.5 || q.get("r").asDouble() > r.get("r").asDouble() + 0.5
            || q.get("t").asDouble() < r.get("t").asDouble() - 0.5 || q.get("b").asDouble() > r.get("b").asDouble() + 0.5) {
          failures.add(where + ": its " + box + " runs out of the room (" + (int) (q.get("r").asDouble() - q.get("l").asDouble())
              + "x" + (int) (q.get("b").asDouble() - q.get("t").asDouble()) + " px in a " + (int) (r.get("r").asDouble()
              - r.get("l").asDouble()) + "x" + (int) (r.get("b").asDouble() - r.get("t").asDouble()) + " px room)");
          break;
        }
      }
      for (JsonNode other : labels) {
        if (other != l && other.get("id").asText().compareTo(l.get("id").asText()) > 0 && hit(p, other.get("plate"))) {
          overlaps++;
          failures.add(where + ": over the name of room " + other.get("id").asText());
        }
      }
      for (JsonNode c : m.get("controls")) {
        if (hit(p, c)) {
          failures.add(where + ": over the control " + c.get("name").asText());
        }
      }
      if (!drawn.replace(" ", "").equals(full.replace(" ", ""))) {
        cut++;
        String detail = detailOf(b, l.get("id").asText(), page.equals("gm-map"));
        if (!detail.toUpperCase().contains(full.toUpperCase())) {
          failures.add(where + ": cut, and the room's detail lacks the full name (" + detail + ")");
        }
        if (page.equals("gm-map") && !l.get("aria").asText().contains(full)) {
          failures.add(where + ": cut, and the room's accessible name lacks the full name");
        }
        if (!drawn.endsWith("…")) {
          failures.add(where + ": cut without an ellipsis");
        }
      }
    }
    // a room too small for a letter and an ellipsis draws no name: its tooltip (and on the GM's map its
    // accessible name) still holds it
    int unnamed = 0;
    for (JsonNode room : m.get("rooms")) {
      String id = room.get("id").asText();
      String full = ROOM_NAMES.get(Integer.parseInt(id.substring(1)));
      if (labels.stream().noneMatch(l -> l.get("id").asText().equals(id))) {
        unnamed++;
        String detail = detailOf(b, id, page.equals("gm-map"));
        if (!detail.toUpperCase().contains(full.toUpperCase())
            || page.equals("gm-map") && !room.get("aria").asText().contains(full)) {
          failures.add(page + " " + size + " room " + id + ": no name drawn and none in its detail or accessible name");
        }
      }
    }
    if (m.get("rooms").size() != ROOMS) {
      failures.add(page + " " + size + ": " + m.get("rooms").size() + " rooms drawn, want " + ROOMS);
    }
    if (m.get("overflowX").asBoolean()) {
      failures.add(page + " " + size + ": the page overflows sideways");
    }
    System.out.printf("BAD-INPUT forty-rooms %-8s %-9s labels %d  smallest %.1f px (rule %.0f)  cut to fit %d"
        + "  too small for a name %d  overlapping %d%n", page, size, labels.size(), smallest, minPx, cut, unnamed, overlaps);
  }

  private static boolean hit(JsonNode a, JsonNode b) {
    return a.get("l").asDouble() < b.get("r").asDouble() - 1 && b.get("l").asDouble() < a.get("r").asDouble() - 1
        && a.get("t").asDouble() < b.get("b").asDouble() - 1 && b.get("t").asDouble() < a.get("b").asDouble() - 1;
  }

  // ---------------------------------------------------------------------------------------------
  // 2. 200-character names in the GM console

  /**
   * Every element showing (part of) a long name: on screen sideways; if its box cuts the text
   * (its own overflow or a clipping ancestor's) the full name is its tooltip or an ancestor's.
   * Every visible control: on screen and the topmost element at its centre (nothing over it).
   */
  private static final String LONG_NAMES_PROBE = """
      const names = arguments[0];
      const W = innerWidth, H = innerHeight;
      const problems = [];
      const shown = [];
      const clips = (el) => { const o = getComputedStyle(el); return o.overflowX !== 'visible' || o.overflowY !== 'visible'; };
      for (const el of document.querySelectorAll('.gm-page *')) {
        if (el.closest('svg') && el.tagName !== 'svg') continue;
        const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('');
        const name = names.find((n) => own.includes(n.split(' ')[0]));
        if (!name) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const label = name.split(' ')[0] + ' in ' + el.tagName.toLowerCase() + '.' + String(el.className).split(' ')[0];
        shown.push(label);
        if (r.left < -0.5 || r.right > W + 0.5) problems.push(label + ': off the screen sideways at ' + Math.round(r.left) + '..' + Math.round(r.right));
        let cut = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1 && clips(el);
        for (let a = el.parentElement; a && !cut; a = a.parentElement) {
          if (!clips(a)) continue;
          const ar = a.getBoundingClientRect();
          // a scrolling box shows everything by scrolling; a clipping one loses what is outside
          const scrolls = ['auto', 'scroll'].includes(getComputedStyle(a).overflowX);
          if (!scrolls && (r.right > ar.right + 1 || r.left < ar.left - 1)) cut = true;
          if (scrolls) break;
        }
        if (cut || !own.includes(name)) {
          let tip = '';
          for (let a = el; a; a = a.parentElement) tip += ' ' + (a.getAttribute('title') || '') + ' ' + (a.getAttribute('aria-label') || '');
          if (!tip.includes(name)) problems.push(label + ': cut (' + el.clientWidth + ' of ' + el.scrollWidth + ' px) and no tooltip holds the full name');
        }
      }
      for (const el of document.querySelectorAll('.gm-page button, .gm-page input, .gm-page select, .gm-page textarea, .gm-page a[href]')) {
        if (el.closest('svg') || el.classList.contains('gm-skip-link')) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
        const name = (el.getAttribute('aria-label') || el.textContent || el.name || el.tagName).trim().slice(0, 30);
        if (r.left < -0.5 || r.right > W + 0.5) { problems.push('control ' + name + ' off the screen sideways'); continue; }
        if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1 && !(el.getAttribute('title') || '').length) {
          problems.push('control ' + name + ': its text is wider than the button');
        }
        // only what is in the viewport vertically can be hit-tested; scrolling reaches the rest
        const cy = r.top + r.height / 2, cx = r.left + r.width / 2;
        if (cy < 0 || cy > H) continue;
        const top = document.elementFromPoint(cx, cy);
        if (top && top !== el && !el.contains(top) && !top.contains(el)) {
          problems.push('control ' + name + ' is under ' + top.tagName.toLowerCase() + '.' + String(top.className).split(' ')[0]);
        }
      }
      return JSON.stringify({ problems, shown, overflowX: document.documentElement.scrollWidth - W });
      """;

  private static final List<String> TABS = List.of("encounter", "bridge", "portraits", "ship", "broadcast", "charon",
      "players", "campaign");

  @Test
  void twoHundredCharacterNamesInTheGmConsoleWrapOrAreCutWithTheFullNameAsATooltip() throws Exception {
    List<String> failures = new ArrayList<>();
    try (Browser b = Screenshots.track(new Browser("long-names"))) {
      setViewport(b, 1366, 768, false);
      loginGm(b);
      b.await("the location tree", UI, d -> !d.findElements(By.cssSelector(".gm-tree-location")).isEmpty());
      // open every branch of the location tree so the long names in it are shown
      b.js("document.querySelectorAll('.gm-page [aria-expanded=false]').forEach((e) => e.click())");
      for (int[] size : new int[][] {{1366, 768}, {1024, 768}}) {
        setViewport(b, size[0], size[1], false);
        String label = size[0] + "x" + size[1];
        for (String tab : TABS) {
          openTab(b, tab);
          JsonNode m = JsonMapper.MAPPER.readTree((String) b.js(LONG_NAMES_PROBE, LONG_NAMES));
          b.screenshot(SHOTS, "long-names-" + tab + "-" + label);
          m.get("problems").forEach(p -> failures.add(label + " " + tab + ": " + p.asText()));
          if (m.get("overflowX").asInt() > 0) {
            failures.add(label + " " + tab + ": the page scrolls sideways by " + m.get("overflowX").asInt() + " px");
          }
          System.out.printf("BAD-INPUT long-names %-9s %-10s shown %s  problems %d%n", label, tab, m.get("shown"),
              m.get("problems").size());
        }
      }
      Screenshots.untrack(b);
    }
    assertEquals(List.of(), failures, "200-character names in the GM console");
  }

  // ---------------------------------------------------------------------------------------------
  // 3. NPCs without a portrait

  @Test
  void anNpcWithoutAPortraitShowsItsInitialNeverABrokenImage() throws Exception {
    List<String> failures = new ArrayList<>();
    String images = """
        const root = document.querySelector(arguments[0]);
        if (!root) return 'no ' + arguments[0];
        const broken = [...root.querySelectorAll('img')].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src);
        return broken.length ? 'broken images: ' + broken.join(', ') : '';
        """;
    try (Browser tv = Screenshots.track(new Browser("no-portrait-tv"));
        Browser gmb = Screenshots.track(new Browser("no-portrait-gm"))) {
      setViewport(tv, 1920, 1080, false);
      tv.driver.get(tomcat.uri("terminal/").toString());
      tv.await("the encounter", UI, d -> roomCount(tv) == ROOMS);
      for (String npc : List.of("stowaway", "lost_pilot")) {
        gm.postJson("api/gm/encounter/toggle-portrait/", "{\"npc_id\":\"" + npc + "\",\"visible\":true}");
      }
      tv.await("two portrait cards", UI, d -> d.findElements(By.cssSelector(".portrait-card")).size() == 2);
      settle(tv);
      tv.screenshot(SHOTS, "no-portrait-terminal-1920x1080");
      for (String npc : List.of("stowaway", "lost_pilot")) {
        String card = ".portrait-card[data-npc-id=" + npc + "]";
        String broken = (String) tv.js(images, card);
        if (!broken.isEmpty()) {
          failures.add("terminal " + npc + ": " + broken);
        }
        String placeholder = (String) tv.js("const p = document.querySelector(arguments[0] + ' .portrait-placeholder');"
            + " return p && p.getBoundingClientRect().width > 0 ? p.textContent.trim() : ''", card);
        String initial = npc.equals("stowaway") ? "N" : "P";
        if (!placeholder.equals(initial)) {
          failures.add("terminal " + npc + ": placeholder \"" + placeholder + "\", want the initial " + initial);
        }
        System.out.printf("BAD-INPUT no-portrait terminal %-10s placeholder \"%s\" %s%n", npc, placeholder, broken);
      }
      for (String npc : List.of("stowaway", "lost_pilot")) {
        gm.postJson("api/gm/encounter/toggle-portrait/", "{\"npc_id\":\"" + npc + "\",\"visible\":false}");
      }

      setViewport(gmb, 1366, 768, false);
      loginGm(gmb);
      openTab(gmb, "portraits");
      gmb.await("the portrait list", UI, d -> !d.findElements(By.cssSelector(".gm-portrait")).isEmpty());
      gmb.await("the thumbnails loaded", UI, d -> Boolean.TRUE.equals(gmb.js(
          "return [...document.querySelectorAll('.gm-portrait img')].every((i) => i.complete)")));
      gmb.screenshot(SHOTS, "no-portrait-gm-1366x768");
      String broken = (String) gmb.js(images, "[data-testid=portraits-panel]");
      if (!broken.isEmpty()) {
        failures.add("GM portraits: " + broken);
      }
      for (String npc : List.of("stowaway", "lost_pilot")) {
        String thumb = (String) gmb.js("const b = document.querySelector('[data-testid=portrait-toggle-' + arguments[0] + ']');"
            + " const t = b && b.closest('li').querySelector('.gm-portrait-thumb');"
            + " return t ? (t.querySelector('img') ? 'img' : t.textContent.trim()) + '|' + Math.round(t.getBoundingClientRect().width) : ''", npc);
        String initial = npc.equals("stowaway") ? "N" : "P";
        if (!thumb.startsWith(initial + "|") || thumb.endsWith("|0")) {
          failures.add("GM portraits " + npc + ": thumbnail \"" + thumb + "\", want the initial " + initial);
        }
        System.out.printf("BAD-INPUT no-portrait gm %-10s thumbnail %s%n", npc, thumb);
      }
      Screenshots.untrack(tv);
      Screenshots.untrack(gmb);
    }
    assertEquals(List.of(), failures, "NPCs without a portrait");
  }

  // ---------------------------------------------------------------------------------------------
  // 4. the longest broadcast

  /** Scrolls the last word into view and says whether it is then on screen and not under anything. */
  private static final String LAST_WORD_REACHABLE = """
      const word = arguments[0], scope = document.querySelector(arguments[1]);
      const W = innerWidth, H = innerHeight;
      const walker = document.createTreeWalker(scope || document.body, NodeFilter.SHOW_TEXT);
      let node = null;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent.includes(word)) node = n;
      if (!node) return 'the last word is not in the page';
      node.parentElement.scrollIntoView({ block: 'end' });
      const range = document.createRange();
      const at = node.textContent.lastIndexOf(word);
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      const r = range.getBoundingClientRect();
      if (r.width === 0) return 'the last word has no box';
      if (r.left < 0 || r.right > W + 0.5 || r.top < 0 || r.bottom > H + 0.5) {
        return 'the last word stays off screen at ' + Math.round(r.left) + ',' + Math.round(r.top) + '..' + Math.round(r.right) + ',' + Math.round(r.bottom);
      }
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!top || !(top === node.parentElement || top.contains(node.parentElement) || node.parentElement.contains(top))) {
        return 'the last word is under ' + (top ? top.tagName + '.' + top.className : 'nothing');
      }
      if (document.documentElement.scrollWidth > W) return 'the page overflows sideways';
      return '';
      """;

  @Test
  void aBroadcastOfTheMaximumLengthWrapsAndScrollsToItsLastWordAndALongerOneIsRefused() throws Exception {
    int before = gm.getJson("api/messages/").path("count").asInt();
    Agent.Reply refused = gm.post("api/gm/broadcast/", JsonMapper.MAPPER.writeValueAsString(Map.of("content",
        "Z".repeat(5000), "priority", "HIGH")));
    assertEquals(400, refused.status(), "a 5,000-character broadcast is refused: " + refused.body());
    assertEquals("content", refused.json().path("field").asText(), refused.body());
    assertTrue(refused.json().path("error").asText().contains(String.valueOf(MAX_CONTENT_CHARS)), refused.body());
    assertEquals(before, gm.getJson("api/messages/").path("count").asInt(), "nothing was stored");
    System.out.println("BAD-INPUT broadcast 5000 chars: " + refused.status() + " " + refused.body());

    StringBuilder text = new StringBuilder();
    while (text.length() < MAX_CONTENT_CHARS - END_WORD.length() - 1) {
      text.append(text.length() % 900 < 40 ? "SENSORREADOUT".repeat(6) + " " : "Reactor shielding at nominal. ");
    }
    String content = text.substring(0, MAX_CONTENT_CHARS - END_WORD.length() - 1) + " " + END_WORD;
    assertEquals(MAX_CONTENT_CHARS, content.length());
    gm.postJson("api/gm/broadcast/", JsonMapper.MAPPER.writeValueAsString(Map.of("content", content, "priority",
        "CRITICAL", "recipients", List.of(PLAYER))));
    gm.postJson("api/gm/broadcast/", JsonMapper.MAPPER.writeValueAsString(Map.of("content", content, "priority",
        "CRITICAL")));

    List<String> failures = new ArrayList<>();
    try (Browser b = Screenshots.track(new Browser("longest-broadcast"))) {
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"MESSAGES\"}");
      b.driver.get(tomcat.uri("terminal/").toString());
      b.await("the broadcast on the terminal", UI, d -> Boolean.TRUE.equals(b.js(
          "return !!document.querySelector('[data-testid=view-MESSAGES]') && document.body.textContent.includes(arguments[0])",
          END_WORD)));
      for (int[] size : new int[][] {{1920, 1080}, {768, 1024}}) {
        setViewport(b, size[0], size[1], false);
        settle(b);
        String problem = (String) b.js(LAST_WORD_REACHABLE, END_WORD, "[data-testid=view-MESSAGES]");
        b.screenshot(SHOTS, "longest-broadcast-terminal-" + size[0] + "x" + size[1]);
        System.out.printf("BAD-INPUT longest-broadcast terminal %dx%d: %s%n", size[0], size[1],
            problem.isEmpty() ? "last word reachable" : problem);
        if (!problem.isEmpty()) {
          failures.add("terminal " + size[0] + "x" + size[1] + ": " + problem);
        }
      }
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + LOCATION + "\"}");

      setViewport(b, 360, 640, true);
      b.driver.get(tomcat.uri("login/?next=messages/").toString());
      b.await("the login form", UI, d -> !d.findElements(By.name("username")).isEmpty());
      b.driver.findElement(By.name("username")).sendKeys(PLAYER);
      b.driver.findElement(By.name("password")).sendKeys(PLAYER_PASSWORD);
      b.driver.findElement(By.cssSelector("button[type=submit]")).click();
      b.await("the broadcast on the phone", UI, d -> d.getCurrentUrl().contains("/messages/") && Boolean.TRUE.equals(
          b.js("return document.body.textContent.includes(arguments[0])", END_WORD)));
      settle(b);
      String problem = (String) b.js(LAST_WORD_REACHABLE, END_WORD, "body");
      b.screenshot(SHOTS, "longest-broadcast-phone-360x640");
      System.out.println("BAD-INPUT longest-broadcast phone 360x640: " + (problem.isEmpty() ? "last word reachable" : problem));
      if (!problem.isEmpty()) {
        failures.add("phone 360x640: " + problem);
      }
      Screenshots.untrack(b);
    }
    assertEquals(List.of(), failures, "the longest broadcast");
  }

  // ---------------------------------------------------------------------------------------------
  // 5. touch targets in every tab


  @Test
  void everyGmConsoleTabHasTouchTargetsOfAtLeast44PxOnATouchScreen() throws Exception {
    List<String> failures = new ArrayList<>();
    try (Browser b = Screenshots.track(new Browser("touch-tabs"))) {
      setViewport(b, 1024, 768, true);
      loginGm(b);
      assertTrue((Boolean) b.js("return matchMedia('(pointer: coarse)').matches"), "touch emulation gives a coarse pointer");
      b.js("document.querySelectorAll('.gm-page [aria-expanded=false]').forEach((e) => e.click())");
      for (String tab : TABS) {
        openTab(b, tab);
        List<String> panels = new ArrayList<>(List.of(""));
        // the BRIDGE and CHARON panels have tabs of their own: each is measured
        @SuppressWarnings("unchecked")
        List<String> inner = (List<String>) b.js("return [...document.querySelectorAll('.gm-panel-body [role=tab]')]"
            + ".map((t, i) => t.id || ('#' + i))");
        panels.addAll(inner);
        for (String panel : panels) {
          if (!panel.isEmpty()) {
            b.js("const t = arguments[0].startsWith('#') ? document.querySelectorAll('.gm-panel-body [role=tab]')"
                + "[+arguments[0].slice(1)] : document.getElementById(arguments[0]); if (t) t.click();", panel);
            settle(b);
          }
          @SuppressWarnings("unchecked")
          List<String> small = (List<String>) b.js(PageChecks.SMALL_TARGETS, MIN_TOUCH_TARGET_PX);
          String where = tab + (panel.isEmpty() ? "" : "/" + panel);
          b.screenshot(SHOTS, "touch-" + where.replace('/', '-').replace("#", "") + "-1024x768");
          System.out.printf("BAD-INPUT touch 1024x768 %-28s %d under 44 px %s%n", where, small.size(), small);
          small.forEach(s -> failures.add(where + ": " + s));
        }
      }
      Screenshots.untrack(b);
    }
    assertEquals(List.of(), failures, "touch targets under 44 px at 1024x768 with a coarse pointer");
  }

  // ---------------------------------------------------------------------------------------------

  private static void openTab(Browser b, String tab) {
    b.driver.findElement(By.cssSelector("[data-testid=tab-" + tab + "]")).click();
    b.await("the " + tab + " tab", UI, d -> !d.findElements(By.cssSelector("#panel-" + tab + " > *")).isEmpty());
    settle(b);
  }

  private static void setViewport(Browser b, int width, int height, boolean touch) {
    b.emulate(width, height, 1, touch);
  }

  private static void loginGm(Browser b) {
    b.driver.get(tomcat.uri("login/?next=gmconsole/").toString());
    b.await("the login form", UI, d -> !d.findElements(By.name("username")).isEmpty());
    b.driver.findElement(By.name("username")).sendKeys("gm");
    b.driver.findElement(By.name("password")).sendKeys(GM_PASSWORD);
    b.driver.findElement(By.cssSelector("button[type=submit]")).click();
    b.await("the GM console", UI, d -> !d.findElements(By.cssSelector("[data-testid=gm-console]")).isEmpty());
    b.await("the GM map", UI, d -> !d.findElements(By.cssSelector(".gm-map-box .room-label")).isEmpty());
  }

  /** Waits until no finite animation is running (wipes, flickers, typing) and two frames have passed. */
  private static void settle(Browser b) {
    b.await("animations to finish", UI, d -> Boolean.TRUE.equals(b.js("""
        return document.getAnimations().every((a) => a.playState !== 'running'
            || a.effect.getComputedTiming().iterations === Infinity);
        """)));
    b.driver.executeAsyncScript("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));");
  }
}
