package dev.charon.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.system.ServerProcess;
import dev.charon.system.TomcatServer;
import dev.charon.testing.Agent;
import dev.charon.testing.FakeModelServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * CHARON end to end on a real Tomcat in Chromium, with the fake model server on a socket as the
 * model: a player types at the shared terminal, the GM sees the query and the model's draft,
 * edits and approves it, and the terminal shows the edit; a rejected draft never reaches the
 * terminal; DISPLAY mode takes the input away; without a model the campaign's fallback replies
 * are the drafts.
 */
@ExtendWith(Screenshots.class)
class CharonBrowserIT {
  private static final Duration UI = Duration.ofSeconds(15);
  private static final String GM_PASSWORD = "charon-browser-gm";

  private static void login(TomcatServer tomcat, Browser b, String next) {
    b.driver.get(tomcat.uri("login/?next=" + next).toString());
    b.await("the login form", UI, d -> !d.findElements(By.name("username")).isEmpty());
    b.driver.findElement(By.name("username")).sendKeys("gm");
    b.driver.findElement(By.name("password")).sendKeys(GM_PASSWORD);
    b.driver.findElement(By.cssSelector("button[type=submit]")).click();
    b.await("leaving the login page", UI, d -> !d.getCurrentUrl().contains("/login/"));
  }

  private static List<WebElement> lines(Browser terminal, String role) {
    return terminal.driver.findElements(By.cssSelector("[data-testid=charon-line][data-role=" + role + "]"));
  }

  private static boolean terminalShows(Browser terminal, String role, String text) {
    return lines(terminal, role).stream().anyMatch(e -> e.getText().contains(text));
  }

  private static void ask(Browser terminal, String query) {
    WebElement input = terminal.await("the query input", UI,
        d -> d.findElements(By.cssSelector("[data-testid=charon-input]")).stream().findFirst().orElse(null));
    input.sendKeys(query, Keys.ENTER);
  }

  private static WebElement draftCard(Browser gm, String state) {
    return gm.await("a " + state + " draft", UI, d -> d.findElements(
        By.cssSelector("[data-testid=charon-draft][data-state=" + state + "]")).stream().findFirst().orElse(null));
  }

  @Test
  void aQueryIsDraftedByTheModelEditedApprovedAndShownOnTheTerminal() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "charon-browser");
    try (FakeModelServer model = FakeModelServer.start();
        TomcatServer tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
            "charon.gm.password", GM_PASSWORD,
            "charon.model.provider", "openai",
            "charon.model.base.url", model.baseUrl(FakeModelServer.OPENAI),
            "charon.model.name", "fake-lark"));
        Browser gm = Screenshots.track(new Browser("charon-gm"));
        Browser terminal = Screenshots.track(new Browser("charon-terminal"))) {
      tomcat.start();
      model.reply(FakeModelServer.Reply.text("ENGINEERING ", "IS ", "ON DECK 3."));
      Agent api = new Agent(tomcat.base()).loggedIn("gm", GM_PASSWORD);
      api.postJson("api/gm/switch-view/", "{\"view_type\":\"CHARON_TERMINAL\"}");

      login(tomcat, gm, "gmconsole/");
      gm.await("the console", UI, d -> !d.findElements(By.cssSelector("[data-testid=tab-charon]")).isEmpty());
      gm.driver.findElement(By.cssSelector("[data-testid=tab-charon]")).click();
      gm.await("the CHARON panel", UI, d -> !d.findElements(By.cssSelector("[data-testid=charon-mode-QUERY]")).isEmpty());
      gm.driver.findElement(By.cssSelector("[data-testid=charon-mode-QUERY]")).click();

      terminal.driver.get(tomcat.uri("terminal/").toString());
      terminal.await("the CHARON screen", UI, d -> !d.findElements(By.cssSelector("[data-testid=charon-terminal]")).isEmpty());
      ask(terminal, "where is engineering?");
      terminal.await("the query on the terminal", UI, d -> terminalShows(terminal, "user", "where is engineering?"));
      terminal.await("CHARON processing", UI, d -> !d.findElements(By.cssSelector("[data-testid=charon-processing]")).isEmpty());

      gm.await("the query in the console", UI, d -> d.findElements(By.cssSelector("[data-testid=charon-gm-line]"))
          .stream().anyMatch(e -> e.getText().contains("where is engineering?")));
      WebElement draft = draftCard(gm, "ready");
      assertEquals("ENGINEERING IS ON DECK 3.", draft.findElement(By.cssSelector("[data-testid=charon-draft-text]")).getText());
      JsonNode sent = model.requests().get(0).body();
      assertEquals("fake-lark", sent.path("model").asText());
      assertTrue(sent.toString().contains("where is engineering?"), sent.toString());
      assertFalse(terminalShows(terminal, "charon", "ENGINEERING IS ON DECK 3."), "a draft is not on the terminal");

      draft.findElement(By.cssSelector("[data-testid=charon-edit]")).click();
      WebElement edit = gm.await("the edit box", UI, d -> d.findElement(By.cssSelector("[data-testid=charon-edit-text]")));
      edit.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
      edit.sendKeys("ENGINEERING. DECK 3. ACCESS RESTRICTED.");
      gm.driver.findElement(By.cssSelector("[data-testid=charon-approve-edited]")).click();

      terminal.await("the edited reply, typed out", UI,
          d -> terminalShows(terminal, "charon", "ENGINEERING. DECK 3. ACCESS RESTRICTED."));
      terminal.await("processing over", UI, d -> d.findElements(By.cssSelector("[data-testid=charon-processing]")).isEmpty());
      assertFalse(terminalShows(terminal, "charon", "ENGINEERING IS ON DECK 3."), "the unedited draft never showed");
      terminal.screenshot(Screenshots.DIR, "charon-answered");
      gm.screenshot(Screenshots.DIR, "charon-answered");
      // A TV across the room: nothing a player reads under 24 px at 1080p; still legible at 1024×768.
      for (int[] size : new int[][] {{1920, 1080}, {1024, 768}}) {
        terminal.driver.manage().window().setSize(new org.openqa.selenium.Dimension(size[0], size[1]));
        terminal.await("the resize", UI, d -> Math.abs(((Number) terminal.js("return window.innerWidth")).intValue() - size[0]) <= 40);
        double px = ((Number) terminal.js("return Math.min(...[...document.querySelectorAll("
            + "'[data-testid=charon-line], [data-testid=charon-input]')].map(e => parseFloat(getComputedStyle(e).fontSize)))"))
            .doubleValue();
        assertTrue(px >= (size[0] == 1920 ? 24 : 16), size[0] + "x" + size[1] + ": smallest CHARON text " + px + " px");
        terminal.screenshot(Screenshots.DIR, "charon-" + size[0] + "x" + size[1]);
      }

      // The reject path: the draft never reaches the terminal, and the wait ends.
      model.reply(FakeModelServer.Reply.text("SECRET DRAFT TEXT."));
      ask(terminal, "open the airlock");
      terminal.await("the second query", UI, d -> terminalShows(terminal, "user", "open the airlock"));
      gm.await("the second draft", UI, d -> d.findElements(By.cssSelector("[data-testid=charon-draft][data-state=ready]"))
          .stream().anyMatch(e -> e.getText().contains("SECRET DRAFT TEXT.")));
      gm.driver.findElements(By.cssSelector("[data-testid=charon-draft][data-state=ready]")).stream()
          .filter(e -> e.getText().contains("SECRET DRAFT TEXT.")).findFirst().orElseThrow()
          .findElement(By.cssSelector("[data-testid=charon-reject]")).click();
      terminal.await("the query unanswered", UI, d -> d.findElements(
          By.cssSelector("[data-testid=charon-line][data-role=user][data-status=unanswered]")).size() == 1);
      terminal.await("processing over", UI, d -> d.findElements(By.cssSelector("[data-testid=charon-processing]")).isEmpty());
      assertFalse(terminal.driver.getPageSource().contains("SECRET DRAFT TEXT."), "a rejected draft never reaches the terminal");

      // DISPLAY mode takes the input away.
      gm.driver.findElement(By.cssSelector("[data-testid=charon-mode-DISPLAY]")).click();
      terminal.await("no input in DISPLAY mode", UI, d -> d.findElements(By.cssSelector("[data-testid=charon-input]")).isEmpty());
      Agent other = new Agent(tomcat.base());
      other.get("api/active-view/");
      Agent.Reply refused = other.post("api/charon/story/submit/", "{\"query\":\"still there?\"}");
      assertEquals(409, refused.status(), "and the server refuses it too: " + refused);
    }
  }

  @Test
  void withoutAModelTheCampaignsFallbackReplyIsTheDraft() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "charon-browser-fallback");
    try (TomcatServer tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
            "charon.gm.password", GM_PASSWORD));
        Browser gm = Screenshots.track(new Browser("charon-fallback-gm"));
        Browser terminal = Screenshots.track(new Browser("charon-fallback-terminal"))) {
      tomcat.start();
      Agent api = new Agent(tomcat.base()).loggedIn("gm", GM_PASSWORD);
      api.postJson("api/gm/switch-view/", "{\"view_type\":\"CHARON_TERMINAL\"}");
      api.postJson("api/gm/charon/mode/", "{\"mode\":\"QUERY\"}");
      login(tomcat, gm, "gmconsole/");
      gm.await("the console", UI, d -> !d.findElements(By.cssSelector("[data-testid=tab-charon]")).isEmpty());
      gm.driver.findElement(By.cssSelector("[data-testid=tab-charon]")).click();
      gm.await("the model line", UI, d -> d.findElement(By.cssSelector("[data-testid=charon-model]")).getText()
          .toLowerCase().contains("no model"));

      terminal.driver.get(tomcat.uri("terminal/").toString());
      ask(terminal, "fuel status?");
      WebElement draft = draftCard(gm, "ready");
      String text = draft.findElement(By.cssSelector("[data-testid=charon-draft-text]")).getText();
      // The demo campaign's own fallback replies (charon/context.yaml).
      assertTrue(List.of("QUERY LOGGED. PROCESSING DEFERRED. STAND BY.",
          "CORE BUSY WITH LIFE SUPPORT ARBITRATION. REPEAT QUERY LATER.", "NO RECORD.",
          "SIGNAL DEGRADED. PARTIAL RESPONSE WITHHELD.").contains(text), text);
      draft.findElement(By.cssSelector("[data-testid=charon-approve]")).click();
      terminal.await("the fallback reply", UI, d -> terminalShows(terminal, "charon", text));
    }
  }
}
