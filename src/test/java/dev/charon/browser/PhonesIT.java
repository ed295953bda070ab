package dev.charon.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.system.ServerProcess;
import dev.charon.system.TomcatServer;
import dev.charon.testing.Agent;
import dev.charon.web.JsonMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The players' pages on real phone sizes (issue 20), in Chromium with the phone's viewport and touch
 * emulated over CDP: nothing runs past the right edge, every control is on screen and at least
 * 44×44 CSS px (WCAG 2.5.5), inputs have 16 px text (iOS Safari zooms into smaller ones), and long
 * messages wrap. The app runs under a context path, so a {@code next} that climbs out of it shows.
 * Also: {@code prefers-reduced-motion: reduce} leaves no animation running on STANDBY.
 */
@ExtendWith(Screenshots.class)
class PhonesIT {
  record Phone(int width, int height) {
    String label() {
      return width + "x" + height;
    }
  }

  static final List<Phone> PHONES = List.of(new Phone(320, 568), new Phone(360, 640), new Phone(390, 844),
      new Phone(430, 932));
  static final int MIN_TARGET_PX = 44;
  static final int MIN_INPUT_FONT_PX = 16;
  static final double MIN_TEXT_CONTRAST = 4.5;
  static final String GM_PASSWORD = "phones-gm-password";
  static final String PLAYER = "ripley";
  static final String PLAYER_PASSWORD = "phones-player-pw";
  static final Path SHOTS = Screenshots.DIR.resolve("phones");

  static TomcatServer tomcat;

  @BeforeAll
  static void startTomcatWithMessages() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "phones");
    tomcat = new TomcatServer(work, "/charon", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", GM_PASSWORD));
    tomcat.start();
    Agent gm = new Agent(tomcat.base()).loggedIn("gm", GM_PASSWORD);
    gm.postJson("api/gm/players/", "{\"username\":\"" + PLAYER + "\",\"password\":\"" + PLAYER_PASSWORD + "\"}");
    StringBuilder longText = new StringBuilder();
    while (longText.length() < 3990) {
      longText.append("Hull breach on deck ").append(longText.length() % 7).append(". Seal the doors. ");
      if (longText.length() % 500 < 40) {
        longText.append('\n');
      }
    }
    // the longest message the server takes (Messages.MAX_CONTENT_CHARS is 4,000; the issue's
    // 5,000 would be refused), a 200-character word and a 60-character sender with no break
    send(gm, "CHARON", longText.substring(0, 4000), "NORMAL");
    send(gm, "CHARON", "X".repeat(200), "HIGH");
    send(gm, "W".repeat(60), "Short and low.", "LOW");
    send(gm, "MU-TH-UR", "Evacuate.", "CRITICAL");
    // an encounter on screen with one room revealed, for the token page
    gm.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"msv-cormorant\"}");
    var room = gm.getJson("api/gm/encounter-map/msv-cormorant/").get("current_deck").get("rooms").get(0);
    gm.postJson("api/gm/encounter/toggle-room/", "{\"room_id\":\"" + room.get("id").asText() + "\",\"visible\":true}");
    // the player's own token in it, so the page shows its controls (MY TOKEN) at every size
    String token = gm.postJson("api/gm/encounter/place-token/", "{\"type\":\"player\",\"name\":\"Kane\",\"x\":"
        + room.get("x").asInt() + ",\"y\":" + room.get("y").asInt() + "}").get("token_id").asText();
    gm.postJson("api/gm/table/links/", "{\"username\":\"" + PLAYER + "\",\"token_id\":\"" + token + "\"}");
  }

  private static void send(Agent gm, String sender, String content, String priority) throws Exception {
    gm.postJson("api/gm/broadcast/", JsonMapper.MAPPER.writeValueAsString(Map.of("sender", sender, "content",
        content, "priority", priority, "recipients", List.of(PLAYER))));
  }

  @AfterAll
  static void stopTomcat() throws Exception {
    if (tomcat != null) {
      tomcat.close();
    }
  }

  @Test
  void loginAndMessagesFitEveryPhoneWithTargetsOfAtLeast44Px() throws Exception {
    List<String> failures = new ArrayList<>();
    try (Browser b = Screenshots.track(new Browser("phones"))) {
      for (Phone phone : PHONES) {
        emulatePhone(b, phone);
        b.driver.get(tomcat.uri("login/").toString());
        b.await("the login form", Duration.ofSeconds(10), d -> !d.findElements(By.name("username")).isEmpty());
        failures.addAll(check(b, phone, "login"));
        b.screenshot(SHOTS, "login-" + phone.label());

        b.driver.findElement(By.name("username")).sendKeys(PLAYER);
        b.driver.findElement(By.name("password")).sendKeys(PLAYER_PASSWORD);
        b.driver.findElement(By.cssSelector("button[type=submit]")).click();
        b.await("the messages", Duration.ofSeconds(10),
            d -> d.findElements(By.cssSelector(".message-item")).size() == 4);
        awaitEntrancesDone(b);
        failures.addAll(check(b, phone, "messages"));
        failures.addAll(checkMessages(b, phone));
        b.screenshot(SHOTS, "messages-" + phone.label());
        b.js("document.querySelector('.messages-scroll').scrollTop = 1e6");
        b.screenshot(SHOTS, "messages-end-" + phone.label());

        // the token page of the table features (issue 17) follows the same rules
        b.driver.get(tomcat.uri("player/").toString());
        b.await("the token page", Duration.ofSeconds(10),
            d -> !d.findElements(By.cssSelector("[data-testid=player-page] [data-testid=encounter-map]")).isEmpty()
                && !d.findElements(By.cssSelector("[data-testid=player-find]")).isEmpty());
        failures.addAll(check(b, phone, "player"));
        b.screenshot(SHOTS, "player-" + phone.label());
        b.driver.get(tomcat.uri("messages/").toString());
        b.await("the messages again", Duration.ofSeconds(10),
            d -> d.findElements(By.cssSelector(".message-item")).size() == 4);
        awaitEntrancesDone(b);

        // LOGOUT is reachable: a tap on it (not a script click) logs the player out
        try {
          b.driver.findElement(By.xpath("//button[normalize-space()='LOGOUT']")).click();
          b.await("the login page after LOGOUT", Duration.ofSeconds(10),
              d -> d.getCurrentUrl().contains("/charon/login/"));
        } catch (org.openqa.selenium.WebDriverException e) {
          failures.add("messages " + phone.label() + ": LOGOUT cannot be tapped: " + e.getRawMessage());
          b.driver.manage().deleteAllCookies();
        }
      }
      failures.forEach(System.out::println);
      assertEquals(List.of(), failures, "rules broken on phone sizes");
      Screenshots.untrack(b);
    }
  }

  /** Rules for any page on a phone: no horizontal overflow, controls on screen, 44 px targets, 16 px inputs. */
  @SuppressWarnings("unchecked")
  private static List<String> check(Browser b, Phone phone, String page) {
    Map<String, Object> m = (Map<String, Object>) b.js("""
        const out = { problems: [] };
        const de = document.documentElement;
        out.scrollWidth = de.scrollWidth;
        out.innerWidth = innerWidth;
        if (de.scrollWidth > innerWidth) out.problems.push('page ' + de.scrollWidth + ' px wide in ' + innerWidth);
        // The pages are fixed to the viewport, so what runs past the edge is clipped rather than
        // scrollable: documentElement.scrollWidth alone does not see it. Every box must end inside.
        const describe = (el) => el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined
          ? '.' + el.className.trim().split(/\s+/).join('.') : '');
        const past = [];
        for (const el of document.body.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          // an SVG's content is clipped by its <svg> box, which is itself checked (a map's pan area)
          const inSvg = el instanceof SVGElement && el.ownerSVGElement;
          if (!inSvg && (r.right > innerWidth + 0.5 || r.left < -0.5) && !past.some((p) => p.contains(el))) {
            past.push(el);
            out.problems.push(describe(el) + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right));
          }
          const ox = getComputedStyle(el).overflowX;
          if (ox !== 'visible' && el.scrollWidth > el.clientWidth + 1)
            out.problems.push(describe(el) + ' hides or scrolls ' + el.scrollWidth + ' px in ' + el.clientWidth);
        }
        for (const el of document.querySelectorAll('button, a[href], input, select, textarea, [role=button]')) {
          const r = el.getBoundingClientRect();
          const cs = getComputedStyle(el);
          if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden') continue;
          const name = el.tagName.toLowerCase() + ' "' + (el.textContent.trim() || el.name || '') + '"';
          const size = Math.round(r.width) + 'x' + Math.round(r.height);
          if (r.width < arguments[0] || r.height < arguments[0]) out.problems.push(name + ' target ' + size);
          if (r.left < 0 || r.right > innerWidth || r.top < 0 || r.bottom > innerHeight)
            out.problems.push(name + ' outside the viewport at ' + Math.round(r.left) + ',' + Math.round(r.top)
              + ' ' + size);
          if (el.matches('input, select, textarea') && parseFloat(cs.fontSize) < arguments[1])
            out.problems.push(name + ' font ' + cs.fontSize);
        }
        // text contrast against the nearest painted background (scanlines aside): 4.5:1, 3:1 when large
        const rgba = (c) => c.match(/[\\d.]+/g).map(Number);
        const lum = ([r, g, b]) => [r, g, b].map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        }).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
        for (const el of document.body.querySelectorAll('*')) {
          const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
          const r = el.getBoundingClientRect();
          if (!text || r.width === 0 || r.height === 0) continue;
          const cs = getComputedStyle(el);
          let bg = null;
          for (let a = el; a && !bg; a = a.parentElement) {
            const c = rgba(getComputedStyle(a).backgroundColor);
            if (c.length < 4 || c[3] > 0) bg = c;
          }
          bg = bg || [255, 255, 255];
          const fg = lum(rgba(cs.color)), b = lum(bg);
          const ratio = (Math.max(fg, b) + 0.05) / (Math.min(fg, b) + 0.05);
          const size = parseFloat(cs.fontSize);
          const large = size >= 24 || (size >= 18.66 && parseInt(cs.fontWeight) >= 700);
          if (ratio < (large ? 3 : arguments[2]))
            out.problems.push(describe(el) + ' "' + el.textContent.trim().slice(0, 20) + '" contrast '
              + ratio.toFixed(2) + ' at ' + cs.fontSize);
        }
        return out;
        """, MIN_TARGET_PX, MIN_INPUT_FONT_PX, MIN_TEXT_CONTRAST);
    System.out.printf("%s %s: scrollWidth %s, innerWidth %s%n", page, phone.label(), m.get("scrollWidth"),
        m.get("innerWidth"));
    List<String> out = new ArrayList<>();
    ((List<String>) m.get("problems")).forEach(p -> out.add(page + " " + phone.label() + ": " + p));
    return out;
  }

  /** Long text wraps inside the panel; the priority badges are legible (contrast, size). */
  @SuppressWarnings("unchecked")
  private static List<String> checkMessages(Browser b, Phone phone) {
    List<String> problems = (List<String>) b.js("""
        const out = [];
        const scroll = document.querySelector('.messages-scroll');
        if (scroll.scrollWidth > scroll.clientWidth)
          out.push('message list scrolls sideways: ' + scroll.scrollWidth + ' in ' + scroll.clientWidth);
        const right = scroll.getBoundingClientRect().right;
        for (const el of document.querySelectorAll('.message-item, .message-item *')) {
          const r = el.getBoundingClientRect();
          if (r.right > right + 0.5) {
            out.push(el.className + ' ends at ' + Math.round(r.right) + ' past the list at ' + Math.round(right));
            break;
          }
        }
        const lum = (c) => {
          const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map((v) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        for (const badge of document.querySelectorAll('.prio-badge')) {
          const cs = getComputedStyle(badge);
          const a = lum(cs.color), c = lum(cs.backgroundColor);
          const ratio = (Math.max(a, c) + 0.05) / (Math.min(a, c) + 0.05);
          if (ratio < arguments[0]) out.push(badge.textContent + ' badge contrast ' + ratio.toFixed(2));
          if (parseFloat(cs.fontSize) < 12) out.push(badge.textContent + ' badge font ' + cs.fontSize);
        }
        return out;
        """, MIN_TEXT_CONTRAST);
    List<String> out = new ArrayList<>();
    problems.forEach(p -> out.add("messages " + phone.label() + ": " + p));
    return out;
  }

  @Test
  void nextThatClimbsOutOfTheContextLandsOnTheDefaultPageInside() throws Exception {
    try (Browser b = Screenshots.track(new Browser("phones-next"))) {
      emulatePhone(b, PHONES.get(2));
      b.driver.get(tomcat.uri("login/?next=../x").toString());
      b.await("the login form", Duration.ofSeconds(10), d -> !d.findElements(By.name("username")).isEmpty());
      b.driver.findElement(By.name("username")).sendKeys(PLAYER);
      b.driver.findElement(By.name("password")).sendKeys(PLAYER_PASSWORD);
      b.driver.findElement(By.cssSelector("button[type=submit]")).click();
      b.await("leaving the login page", Duration.ofSeconds(10), d -> !d.getCurrentUrl().contains("/login/"));
      URI landed = URI.create(b.driver.getCurrentUrl());
      assertEquals("/charon/messages/", landed.getPath(), "after login with next=../x");
      b.await("the messages page", Duration.ofSeconds(10), d -> !d.findElements(By.cssSelector(".message-item")).isEmpty());
      Screenshots.untrack(b);
    }
  }

  @Test
  void reducedMotionLeavesNoAnimationRunningOnStandbyOrMessages() throws Exception {
    try (Browser b = Screenshots.track(new Browser("phones-motion"))) {
      // the other test leaves an encounter on screen for the token page
      new Agent(tomcat.base()).loggedIn("gm", GM_PASSWORD).postJson("api/gm/switch-view/", "{\"view_type\":\"STANDBY\"}");
      b.driver.get(tomcat.uri("terminal/").toString());
      b.await("STANDBY", Duration.ofSeconds(10), d -> !d.findElements(By.cssSelector("[data-testid=view-STANDBY]")).isEmpty());
      // without the setting STANDBY is animated, so the count below can fail
      long running = b.await("running animations", Duration.ofSeconds(5), d -> {
        long n = runningAnimations(b);
        return n > 0 ? n : null;
      });
      System.out.println("STANDBY running animations without reduced motion: " + running);

      b.driver.executeCdpCommand("Emulation.setEmulatedMedia",
          Map.of("features", List.of(Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
      b.driver.navigate().refresh();
      b.await("STANDBY", Duration.ofSeconds(10), d -> !d.findElements(By.cssSelector("[data-testid=view-STANDBY]")).isEmpty());
      assertEquals(0, runningAnimations(b), "running animations on STANDBY with prefers-reduced-motion: reduce");
      // the status blocks are shown still rather than hidden with their animation
      long shownBlocks = ((Number) b.js("return [...document.querySelectorAll('.standby-block')]"
          + ".filter(e => getComputedStyle(e).opacity === '1').length")).longValue();
      assertTrue(shownBlocks > 0, "STANDBY's status blocks are visible without their animation");
      b.screenshot(SHOTS, "standby-reduced-motion");

      b.driver.get(tomcat.uri("login/").toString());
      b.await("the login form", Duration.ofSeconds(10), d -> !d.findElements(By.name("username")).isEmpty());
      b.driver.findElement(By.name("username")).sendKeys(PLAYER);
      b.driver.findElement(By.name("password")).sendKeys(PLAYER_PASSWORD);
      b.driver.findElement(By.cssSelector("button[type=submit]")).click();
      b.await("the messages", Duration.ofSeconds(10), d -> !d.findElements(By.cssSelector(".message-item")).isEmpty());
      assertEquals(0, runningAnimations(b), "running animations on /messages/ with prefers-reduced-motion: reduce");
      Screenshots.untrack(b);
    }
  }

  /** The messages fade in; screenshots and measures are taken once they have. */
  private static void awaitEntrancesDone(Browser b) {
    b.await("the entrance animations", Duration.ofSeconds(5), d -> (Boolean) b.js("return document.getAnimations()"
        + ".every(a => a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity)"));
  }

  private static long runningAnimations(Browser b) {
    return ((Number) b.js("return document.getAnimations().filter(a => a.playState === 'running').length"))
        .longValue();
  }

  /** The phone's CSS viewport, a phone's pixel ratio, and touch instead of a mouse. */
  private static void emulatePhone(Browser b, Phone phone) {
    b.emulate(phone.width(), phone.height(), 2, true);
  }
}
