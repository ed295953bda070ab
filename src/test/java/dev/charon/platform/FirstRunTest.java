package dev.charon.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.security.Accounts;
import dev.charon.security.PasswordHasher;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The GM account appears once: from the setting, or with a generated password; never twice. */
class FirstRunTest {
  private final Database db = Database.openUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  private final Accounts accounts = new Accounts(db.emf(), PasswordHasher.withIterations(1_000));

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void generatesAStrongPasswordOnceAndNeverAgain() {
    Accounts.FirstRun first = accounts.ensureGm(Optional.empty());
    assertTrue(first.created());
    String password = first.generatedPassword().orElseThrow();
    assertTrue(password.length() >= 20, password);
    Accounts.FirstRun second = accounts.ensureGm(Optional.of("another password"));
    assertFalse(second.created());
    assertEquals(Optional.empty(), second.generatedPassword());
    assertEquals(1, accounts.all().size());
  }

  @Test
  void aTooShortConfiguredPasswordStopsStartWithOneClearLine() {
    Settings settings = new Settings(Path.of("target"), Optional.empty(), Optional.of("short"));
    StartupException e = assertThrows(StartupException.class, () -> FirstRun.ensureGm(accounts, settings, "/charon"));
    assertTrue(e.getMessage().contains("charon.gm.password"), e.getMessage());
    assertEquals(0, accounts.all().size());
  }

  @Test
  void loginUrlNamesTheContextPath() {
    assertTrue(FirstRun.loginUrl(Optional.empty(), "/charon").contains("/charon/login/"));
    assertTrue(FirstRun.loginUrl(Optional.empty(), "").contains("/login/"));
  }

  @Test
  void loginUrlIsThePublicUrlsWhenOneIsSet() {
    PublicUrl published = PublicUrl.parse(Settings.PUBLIC_URL, "https://games.example.org/games/charon");
    assertEquals("https://games.example.org/games/charon/login/", FirstRun.loginUrl(Optional.of(published), "/charon"));
    Settings settings = new Settings(Path.of("target"), Optional.empty(), Optional.empty())
        .behindProxy(Optional.of(published), TrustedProxies.NONE);
    String ready = CharonBootstrap.ready(settings, "/charon");
    assertTrue(ready.contains("published at https://games.example.org/games/charon/"), ready);
    assertTrue(ready.contains("https://games.example.org/games/charon/gmconsole/"), ready);
    assertTrue(ready.contains("player phones  : https://games.example.org/games/charon/player/"), ready);
    assertFalse(CharonBootstrap.ready(new Settings(Path.of("target"), Optional.empty(), Optional.empty()), "")
        .contains("published"));
  }
}
