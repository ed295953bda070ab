package dev.charon.browser;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The shared terminal is a TV across the room: every view the GM can put on is measured in
 * Chromium at exact viewports (CDP device metrics) from a 768×1024 tablet to a 3840×2160 TV.
 * At 1920×1080 (and 4K) nothing the players must read is under 24 px, secondary labels not
 * under 18 px, map room labels not under 20 px; at 768×1024 and 1280×720 nothing under 14 px.
 * No view overflows sideways or pushes text off the screen, and no token, door or terminal icon
 * is drawn over a room's name. The campaign is the demo one with a 200-character location and
 * ship name, 30 tokens in one room, a token on every room's centre, two portraits, the comm
 * terminal overlay and a 3,900-character broadcast (the server takes at most 4,000). Figures are printed; screenshots of every
 * view at every size are kept under target/browser-screenshots/ten-foot/. The GM's map, which
 * shares the drawing, is checked at 1366×768: room names ≥ 11 px, none under a piece.
 */
@ExtendWith(Screenshots.class)
class TenFootTerminalIT {
  private static final Duration UI = Duration.ofSeconds(30);
  private static final String GM_PASSWORD = "ten-foot-gm";
  private static final String LOCATION = "msv-cormorant";
  private static final String LONG_NAME = ("MSV CORMORANT OF THE HALVORSEN FREIGHT COMPANY, REGISTRY HFC-2187-CMRT, "
      + "LAST SEEN DRIFTING OFF TETHYS RELAY WITH HER TRANSPONDER ACTIVE AND HER CREW SILENT FOR ONE HUNDRED DAYS "
      + "AND TWELVE NIGHTS, COLD AS THE DEEP")
      .substring(0, 200);
  /** The GM's map at 1366×768 (a laptop): room names at least this. */
  private static final int GM_ROOM_LABEL_PX = 11;
  private static final Path SHOTS = Screenshots.DIR.resolve("ten-foot");

  /** Rules by viewport: the minimum px for what players must read, for secondary labels, for room labels. */
  private record Size(int width, int height, double primaryPx, double secondaryPx, double roomLabelPx) {
    String label() {
      return width + "x" + height;
    }
  }

  private static final List<Size> SIZES = List.of(
      new Size(1920, 1080, 24, 18, 20),
      new Size(1280, 720, 14, 14, 14),
      new Size(768, 1024, 14, 14, 14),
      new Size(3840, 2160, 24, 18, 20));

  /**
   * Labels a player glances at rather than reads (a header's subtitle, a date, a priority badge,
   * the letters on tokens, the TURN label before the turn order): the secondary rule. Everything else
   * is the primary rule.
   */
  private static final String SECONDARY = String.join(",", ".crt-header-subtitle", ".crt-header-right",
      ".level-indicator-title", ".level-indicator-name", ".comm-item-date", ".comm-tab", ".comm-meta dt",
      ".message-time", ".prio-badge", ".token-initial", ".problem-indicator", ".turn-strip-title",
      ".crt-button", ".bridge-control", ".map-reset");

  private static final String MEASURE = """
      const SECONDARY = arguments[0];
      const W = innerWidth, H = innerHeight;
      const texts = [];
      const clipped = [];
      const hiddenByOpacity = (el) => {
        for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
          if (getComputedStyle(e).opacity === '0') return true;
        }
        return false;
      };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent.trim();
        if (!text) continue;
        const el = n.parentElement;
        if (!el || el.closest('[aria-hidden="true"], title, style, script, defs, .crt-scanlines')) continue;
        const cs = getComputedStyle(el);
        if (cs.visibility === 'hidden' || cs.display === 'none') continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
        if (!rects.length || hiddenByOpacity(el)) continue;
        let px = parseFloat(cs.fontSize);
        if (el instanceof SVGElement) {
          const m = el.getScreenCTM();
          px = px * Math.hypot(m.a, m.b);
        }
        const role = el.closest('.room-label') ? 'room' : el.closest(SECONDARY) ? 'secondary' : 'primary';
        texts.push({ text: text.slice(0, 40), px: Math.round(px * 10) / 10, role, cls: String(el.className.baseVal ?? el.className) });
        // inside a scrolling list text may leave the box vertically; sideways it must stay on screen
        for (const r of rects) {
          if (r.left < -1 || r.right > W + 1) {
            clipped.push(text.slice(0, 40) + ' [' + Math.round(r.left) + '..' + Math.round(r.right) + ']');
            break;
          }
        }
      }
      const overflowX = document.documentElement.scrollWidth > W || document.body.scrollWidth > W;
      const covered = [];
      const box = (e) => e.getBoundingClientRect();
      const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
      const pieces = [
        ...[...document.querySelectorAll('[data-token-id]')].map((t) => [t, t.querySelector('.token-body') || t]),
        ...[...document.querySelectorAll('.door, .map-terminal, .map-poi')].map((e) => [e, e]),
      ];
      const labels = [...document.querySelectorAll('.room-label')];
      for (const label of labels) {
        const lb = box(label);
        for (const [piece, shape] of pieces) {
          if (!hit(lb, box(shape))) continue;
          // allowed only when the label (on its plate) is painted after, i.e. above, the piece
          const above = label.compareDocumentPosition(piece) & Node.DOCUMENT_POSITION_PRECEDING;
          const plate = label.parentElement && label.parentElement.querySelector('.room-label-plate');
          if (!above || !plate) {
            covered.push(label.textContent + ' under ' + (piece.getAttribute('data-token-id') ? 'token'
                : piece.getAttribute('data-door-id') ? 'door' : piece.getAttribute('class')));
          }
        }
      }
      return JSON.stringify({ W, H, texts, clipped, overflowX, covered, labels: labels.length });
      """;

  static Path campaignCopy(Path work) throws IOException {
    Path copy = TomcatServer.demoCampaignCopy(work);
    Path location = copy.resolve("galaxy/charybdis-drift/ossuary/msv-cormorant/location.yaml");
    Files.writeString(location, Files.readString(location).replace("name: \"MSV Cormorant\"", "name: \"" + LONG_NAME + "\""));
    Path ship = copy.resolve("campaign/ship.yaml");
    Files.writeString(ship, Files.readString(ship).replace("name: \"MV Marrow Lark\"", "name: \"" + LONG_NAME + "\""));
    return copy;
  }

  @Test
  void everyTerminalViewIsReadableFromAcrossTheRoomAtEverySizeAndNoPieceCoversARoomName() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "ten-foot");
    Path campaign = campaignCopy(work);
    List<String> failures = new ArrayList<>();
    try (TomcatServer tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
            "charon.gm.password", GM_PASSWORD, "charon.campaign.dir", campaign.toString()));
        Browser tv = Screenshots.track(new Browser("ten-foot"))) {
      tomcat.start();
      Agent gm = new Agent(tomcat.base()).loggedIn("gm", GM_PASSWORD);
      // the BRIDGE map in its 2D diagram: the WebGL canvas draws its labels as pixels
      tv.driver.get(tomcat.uri("terminal/?bridge=2d").toString());
      tv.await("the standby screen", UI, d -> !d.findElements(By.cssSelector("[data-testid=view-STANDBY]")).isEmpty());
      measureAtEverySize(tv, "standby", failures);

      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + LOCATION + "\"}");
      JsonNode deck = gm.getJson("api/gm/encounter-map/" + LOCATION + "/").get("current_deck");
      int rooms = 0;
      JsonNode crowded = null;
      List<String> centres = new java.util.ArrayList<>();
      for (JsonNode room : deck.get("rooms")) {
        gm.postJson("api/gm/encounter/toggle-room/", "{\"room_id\":\"" + room.get("id").asText() + "\",\"visible\":true}");
        rooms++;
        // a token on the room's centre cell, where a centred label sits
        centres.add(place(gm, "Centre " + room.get("id").asText(), "player", room.get("x").asInt() + room.get("width").asInt() / 2,
            room.get("y").asInt() + room.get("height").asInt() / 2));
        if (crowded == null || room.get("width").asInt() * room.get("height").asInt()
            > crowded.get("width").asInt() * crowded.get("height").asInt()) {
          crowded = room;
        }
      }
      for (int i = 0; i < 30; i++) {
        int cells = crowded.get("width").asInt() * crowded.get("height").asInt();
        int cell = i % cells;
        String id = place(gm, "Crowd " + i, i % 3 == 0 ? "creature" : "npc", crowded.get("x").asInt() + cell % crowded.get("width").asInt(),
            crowded.get("y").asInt() + cell / crowded.get("width").asInt());
        if (i % 5 == 0) {
          gm.postJson("api/gm/encounter/update-token-status/", "{\"token_id\":\"" + id + "\",\"add\":\"wounded\"}");
        }
      }
      int i = 0;
      for (JsonNode c : deck.get("connections")) {
        if (c.hasNonNull("door_type")) {
          String status = List.of("LOCKED", "SEALED", "OPEN", "DAMAGED", "CLOSED").get(i++ % 5);
          gm.postJson("api/gm/encounter/set-door-status/", "{\"connection_id\":\"" + c.get("id").asText()
              + "\",\"door_status\":\"" + status + "\"}");
        }
      }
      final int revealed = rooms;
      tv.await("every room and token on the map", UI, d -> ((Number) tv.js(
          "return document.querySelectorAll('.room-label').length")).intValue() == revealed
          && ((Number) tv.js("return document.querySelectorAll('[data-token-id]').length")).intValue() == revealed + 30);
      measureAtEverySize(tv, "encounter", failures);

      // a turn order of four: the strip above the map at TV sizes, the current token ringed
      gm.postJson("api/gm/encounter/initiative/set/", JsonMapper.MAPPER.writeValueAsString(Map.of("order", centres.subList(0, 4))));
      gm.postJson("api/gm/encounter/initiative/next/", "{}");
      tv.await("the turn strip and the ring", UI, d -> d.findElements(By.cssSelector("[data-testid=turn-strip] li")).size() == 4
          && !d.findElements(By.cssSelector("[data-token-id='" + centres.get(1) + "'][data-turn=current]")).isEmpty());
      measureAtEverySize(tv, "encounter-turn-order", failures);
      gm.postJson("api/gm/encounter/initiative/clear/", "{}");
      tv.await("the turn strip gone", UI, d -> d.findElements(By.cssSelector("[data-testid=turn-strip]")).isEmpty());

      gm.postJson("api/gm/encounter/toggle-portrait/", "{\"npc_id\":\"ines_okafor\"}");
      gm.postJson("api/gm/encounter/toggle-portrait/", "{\"npc_id\":\"pell_varga\"}");
      tv.await("two portraits", UI, d -> d.findElements(By.cssSelector(".portrait-card")).size() == 2);
      measureAtEverySize(tv, "portraits", failures);
      gm.postJson("api/gm/encounter/toggle-portrait/", "{\"npc_id\":\"ines_okafor\"}");
      gm.postJson("api/gm/encounter/toggle-portrait/", "{\"npc_id\":\"pell_varga\"}");
      tv.await("the portraits gone", UI, d -> d.findElements(By.cssSelector(".portrait-card")).isEmpty());

      gm.postJson("api/gm/show-terminal/", "{\"location_slug\":\"" + LOCATION + "\",\"terminal_slug\":\"captains_terminal\"}");
      tv.await("the comm terminal's messages", UI, d -> !d.findElements(By.cssSelector(".comm-item")).isEmpty());
      tv.driver.findElement(By.cssSelector(".comm-item")).click();
      tv.await("a message open", UI, d -> !d.findElements(By.cssSelector(".comm-content")).isEmpty());
      measureAtEverySize(tv, "comm-terminal", failures);
      gm.postJson("api/gm/show-terminal/", "{\"location_slug\":\"\",\"terminal_slug\":\"\"}");
      tv.await("the comm terminal closed", UI, d -> d.findElements(By.cssSelector(".comm-overlay")).isEmpty());

      // the connection toast: its markup as ConnectionToast renders it (cutting the stream takes
      // five failed reconnects); what is measured is the terminal's CSS for it
      tv.js("""
          const t = document.createElement('div');
          t.className = 'connection-toast'; t.setAttribute('role', 'status'); t.id = 'probe-toast';
          t.textContent = 'Connection lost — retrying...';
          document.querySelector('.terminal').appendChild(t);
          """);
      measureAtEverySize(tv, "connection-toast", failures);
      tv.js("document.getElementById('probe-toast').remove()");

      gm.postJson("api/gm/broadcast/", JsonMapper.MAPPER.writeValueAsString(Map.of("content",
          "ALL HANDS: DECK B IS SEALED. DO NOT OPEN THE QUARANTINE DOOR.", "priority", "CRITICAL")));
      gm.postJson("api/gm/broadcast/", JsonMapper.MAPPER.writeValueAsString(Map.of("content",
          "LOG DUMP ".repeat(40) + "x".repeat(600) + " END OF TRANSMISSION ".repeat(140), "priority", "LOW")));
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"MESSAGES\"}");
      tv.await("the broadcasts", UI, d -> d.findElements(By.cssSelector("[data-testid=view-MESSAGES] .message-item")).size() == 2);
      measureAtEverySize(tv, "messages", failures);

      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"CHARON_TERMINAL\"}");
      tv.await("CHARON", UI, d -> !d.findElements(By.cssSelector("[data-testid=view-CHARON_TERMINAL]")).isEmpty());
      measureAtEverySize(tv, "charon", failures);

      // SHIP DASHBOARD shows the ship's status (not "not available") and follows the GM's overrides
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"SHIP_DASHBOARD\"}");
      tv.await("the ship dashboard", UI,
          d -> !d.findElements(By.cssSelector("[data-testid=view-SHIP_DASHBOARD] [data-system]")).isEmpty());
      assertTrue(!tv.driver.getPageSource().contains("NOT AVAILABLE"), "the ship dashboard is a real screen");
      gm.postJson("api/gm/ship-status/toggle/", "{\"system\":\"life_support\",\"status\":\"OFFLINE\"}");
      tv.await("the GM's override on the dashboard", UI, d -> !d.findElements(By.cssSelector(
          "[data-testid=view-SHIP_DASHBOARD] [data-system=life_support][data-system-status=OFFLINE]")).isEmpty());
      measureAtEverySize(tv, "ship-dashboard", failures);

      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"BRIDGE\"}");
      for (String tab : List.of("STATUS", "PERSONNEL", "LOGS", "MAP")) {
        gm.postJson("api/gm/bridge/navigate/", "{\"tab\":\"" + tab + "\"}");
        tv.await("the BRIDGE " + tab + " tab", UI, d -> !d.findElements(By.cssSelector(
            "[data-testid='bridge-tab-" + tab + "'].active")).isEmpty());
        measureAtEverySize(tv, "bridge-" + tab.toLowerCase(), failures);
      }

      // The GM's map shares the drawing: room names ≥ 11 px at 1366×768 and never under a piece.
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + LOCATION + "\"}");
      tv.emulate(1366, 768, 1, false);
      tv.driver.get(tomcat.uri("login/?next=gmconsole/").toString());
      tv.await("the login form", UI, d -> !d.findElements(By.name("username")).isEmpty());
      tv.driver.findElement(By.name("username")).sendKeys("gm");
      tv.driver.findElement(By.name("password")).sendKeys(GM_PASSWORD);
      tv.driver.findElement(By.cssSelector("button[type=submit]")).click();
      tv.await("the GM's map", UI, d -> ((Number) tv.js("return document.querySelectorAll('.room-label').length")).intValue()
          >= revealed);
      settle(tv);
      JsonNode m = JsonMapper.MAPPER.readTree((String) tv.js(MEASURE, SECONDARY));
      tv.screenshot(SHOTS, "gm-map-1366x768");
      double gmRoom = Double.MAX_VALUE;
      for (JsonNode t : m.get("texts")) {
        if (t.get("role").asText().equals("room")) {
          gmRoom = Math.min(gmRoom, t.get("px").asDouble());
        }
      }
      System.out.printf("TEN-FOOT gm-map             1366x768   room labels %s px (%d)  covered labels %d%n", fmt(gmRoom),
          m.get("labels").asInt(), m.get("covered").size());
      if (gmRoom + 0.05 < GM_ROOM_LABEL_PX) {
        failures.add(String.format("gm-map 1366x768: room label %.1f px < %d px", gmRoom, GM_ROOM_LABEL_PX));
      }
      m.get("covered").forEach(c -> failures.add("gm-map 1366x768: room name covered: " + c.asText()));
      Screenshots.untrack(tv);
    }
    assertTrue(failures.isEmpty(), failures.size() + " rule(s) broken:\n" + String.join("\n", failures));
  }

  private static String place(Agent gm, String name, String type, int x, int y) throws Exception {
    return gm.postJson("api/gm/encounter/place-token/", "{\"type\":\"" + type + "\",\"name\":\"" + name + "\",\"x\":" + x
        + ",\"y\":" + y + "}").get("token_id").asText();
  }

  private static void measureAtEverySize(Browser tv, String view, List<String> failures) throws Exception {
    for (Size size : SIZES) {
      tv.emulate(size.width(), size.height(), 1, false);
      tv.await("the viewport at " + size.label(), UI, d -> Boolean.TRUE.equals(tv.js(
          "return innerWidth === arguments[0] && innerHeight === arguments[1]", size.width(), size.height())));
      settle(tv);
      JsonNode m = JsonMapper.MAPPER.readTree((String) tv.js(MEASURE, SECONDARY));
      tv.screenshot(SHOTS, view + "-" + size.label());
      check(view, size, m, failures);
    }
    tv.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  /** Waits until no finite animation is running (wipes, flickers, typing) and two frames have passed. */
  private static void settle(Browser tv) {
    tv.await("animations to finish", UI, d -> Boolean.TRUE.equals(tv.js("""
        return document.getAnimations().every((a) => a.playState !== 'running'
            || a.effect.getComputedTiming().iterations === Infinity);
        """)));
    tv.driver.executeAsyncScript("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));");
  }

  private static void check(String view, Size size, JsonNode m, List<String> failures) {
    double primary = Double.MAX_VALUE;
    double secondary = Double.MAX_VALUE;
    double room = Double.MAX_VALUE;
    String smallestPrimary = "";
    for (JsonNode t : m.get("texts")) {
      double px = t.get("px").asDouble();
      String role = t.get("role").asText();
      double rule = role.equals("room") ? size.roomLabelPx() : role.equals("secondary") ? size.secondaryPx() : size.primaryPx();
      if (px + 0.05 < rule) {
        failures.add(String.format("%s %s: %s text %.1f px < %.0f px: \"%s\" (%s)", view, size.label(), role, px, rule,
            t.get("text").asText(), t.get("cls").asText()));
      }
      switch (role) {
        case "room" -> room = Math.min(room, px);
        case "secondary" -> secondary = Math.min(secondary, px);
        default -> {
          if (px < primary) {
            primary = px;
            smallestPrimary = t.get("text").asText();
          }
        }
      }
    }
    if (m.get("overflowX").asBoolean()) {
      failures.add(view + " " + size.label() + ": the page overflows sideways");
    }
    m.get("clipped").forEach(c -> failures.add(view + " " + size.label() + ": text off the screen: " + c.asText()));
    m.get("covered").forEach(c -> failures.add(view + " " + size.label() + ": room name covered: " + c.asText()));
    System.out.printf("TEN-FOOT %-18s %-10s min primary %5s px (\"%s\")  secondary %5s px  room labels %5s px (%d)"
        + "  overflowX %s  clipped %d  covered labels %d%n", view, size.label(), fmt(primary), smallestPrimary,
        fmt(secondary), fmt(room), m.get("labels").asInt(), m.get("overflowX").asBoolean(), m.get("clipped").size(),
        m.get("covered").size());
  }

  private static String fmt(double px) {
    return px == Double.MAX_VALUE ? "-" : String.format("%.1f", px);
  }
}
