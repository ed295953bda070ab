package dev.charon.platform;

import dev.charon.activeview.ActiveView;
import dev.charon.bridge.Disclosures;
import dev.charon.campaign.CampaignHolder;
import dev.charon.computer.Computer;
import dev.charon.computer.DraftModel;
import dev.charon.campaign.CampaignReloader;
import dev.charon.messages.Messages;
import dev.charon.security.Accounts;
import dev.charon.security.DeviceCookies;
import dev.charon.security.Login;
import dev.charon.security.PasswordHasher;
import dev.charon.security.PlayerAdmin;
import dev.charon.security.Sessions;
import dev.charon.table.TokenLinks;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The service graph of one deployment, wired by hand in one place (there is no CDI on plain
 * Tomcat). Built by {@link CharonBootstrap} at start-up and by tests directly.
 */
public final class Charon implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Charon.class.getName());
  private static volatile Charon instance;

  private final Settings settings;
  private final Database database;
  private final CampaignHolder campaign;
  private final ActiveView activeView;
  private final CampaignReloader campaignReloader;
  private final Accounts accounts;
  private final Sessions sessions;
  private final Login login;
  private final PlayerAdmin playerAdmin;
  private final Messages messages;
  private final Computer computer;
  private final Disclosures disclosures;
  private final TokenLinks tokenLinks;
  private final ScheduledExecutorService housekeeping;
  private final Instant startedAt = Instant.now();

  public Charon(Settings settings, Database database, CampaignHolder campaign) {
    this(settings, database, campaign, new ActiveView(campaign,
        java.time.Duration.ofSeconds(settings.heartbeatSeconds()), settings.streamLimits()),
        PasswordHasher.standard(), Clock.systemUTC(), settings.model().create());
  }

  public Charon(Settings settings, Database database, CampaignHolder campaign, ActiveView activeView) {
    this(settings, database, campaign, activeView, PasswordHasher.standard());
  }

  /** @param hasher {@link PasswordHasher#standard()} except in the API test base (see there) */
  public Charon(Settings settings, Database database, CampaignHolder campaign, ActiveView activeView,
      PasswordHasher hasher) {
    this(settings, database, campaign, activeView, hasher, Clock.systemUTC());
  }

  /** @param clock the system clock except in tests that let sessions expire */
  public Charon(Settings settings, Database database, CampaignHolder campaign, ActiveView activeView,
      PasswordHasher hasher, Clock clock) {
    this(settings, database, campaign, activeView, hasher, clock, Optional.empty());
  }

  /** @param model writes CHARON's drafts; empty for the campaign's fallback replies */
  public Charon(Settings settings, Database database, CampaignHolder campaign, ActiveView activeView,
      PasswordHasher hasher, Clock clock, Optional<DraftModel> model) {
    this.settings = settings;
    this.database = database;
    this.campaign = campaign;
    this.activeView = activeView;
    this.campaignReloader = new CampaignReloader(campaign, activeView);
    this.accounts = new Accounts(database.emf(), hasher);
    this.sessions = new Sessions(database.emf(), clock);
    // A session that ends closes its streams with an auth event (logout, reset, deletion, expiry).
    sessions.addListener(activeView::endSessions);
    this.login = new Login(accounts, sessions, Login.throttle(), new DeviceCookies(
        database.deploymentKey(DeviceCookies.KEY_NAME, DeviceCookies.KEY_BYTES)));
    this.playerAdmin = new PlayerAdmin(accounts, sessions);
    this.messages = new Messages(database.emf(), accounts::existing);
    // A deleted player's private messages and read marks go with the account, in its transaction.
    accounts.addDependent(messages::accountDeleted);
    this.computer = new Computer(database.emf(), activeView, campaign, model, clock);
    this.disclosures = new Disclosures(database.emf(), activeView, campaign, clock);
    this.tokenLinks = new TokenLinks(database.emf(), accounts, activeView, campaign, clock);
    // A deleted player's links go with the account, in its transaction.
    accounts.addDependent(tokenLinks::accountDeleted);
    this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "charon-housekeeping");
      t.setDaemon(true);
      return t;
    });
    housekeeping.scheduleWithFixedDelay(this::sweepSessions, SESSION_SWEEP_INTERVAL_SECONDS,
        SESSION_SWEEP_INTERVAL_SECONDS, TimeUnit.SECONDS);
  }

  /** How often expired sessions are deleted (and their streams told). */
  static final long SESSION_SWEEP_INTERVAL_SECONDS = 60;
  /** How long {@link #close} waits for a session sweep in progress before interrupting it. */
  static final long CLOSE_WAIT_SECONDS = 10;

  private void sweepSessions() {
    try {
      sessions.sweep();
    } catch (RuntimeException e) {
      // A failed sweep is retried next time; it must not kill the scheduler.
      LOG.log(Level.WARNING, "session sweep failed", e);
    }
  }

  /** Set by the bootstrap listener for the JAX-RS application of the same deployment. */
  static void install(Charon charon) {
    instance = charon;
  }

  public static Charon installed() {
    Charon c = instance;
    if (c == null) {
      throw new IllegalStateException("Charon did not start; see the first error in the log");
    }
    return c;
  }

  public Settings settings() {
    return settings;
  }

  public Database database() {
    return database;
  }

  public CampaignHolder campaign() {
    return campaign;
  }

  public ActiveView activeView() {
    return activeView;
  }

  /** Reloads the campaign on demand and, once {@link CampaignReloader#watch()} ran, on file edits. */
  public CampaignReloader campaignReloader() {
    return campaignReloader;
  }

  public Accounts accounts() {
    return accounts;
  }

  public Sessions sessions() {
    return sessions;
  }

  public Login login() {
    return login;
  }

  public PlayerAdmin playerAdmin() {
    return playerAdmin;
  }

  public Messages messages() {
    return messages;
  }

  public Computer computer() {
    return computer;
  }

  /** What the GM has disclosed on the BRIDGE (known NPCs, readable session logs). */
  public Disclosures disclosures() {
    return disclosures;
  }

  /** Which player moves which token from their phone. */
  public TokenLinks tokenLinks() {
    return tokenLinks;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public static String version() {
    try (InputStream in = Charon.class.getResourceAsStream("/charon-build.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }

  /**
   * Stops everything this deployment started and returns once its threads ended, in the order
   * that lets each finish its work: the campaign poller and the session sweep (both write to the
   * ActiveView, the sweep to the database), then the streams, then the database. An undeploy that
   * left a thread running would keep the whole deployment in memory (RedeployIT).
   */
  @Override
  public void close() {
    campaignReloader.close();
    // shutdown, not shutdownNow: an interrupt inside a sweep's transaction would make H2 close
    // its file channel. Cancelling the periodic task leaves only a sweep already running.
    housekeeping.shutdown();
    try {
      if (!housekeeping.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        housekeeping.shutdownNow();
        housekeeping.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      housekeeping.shutdownNow();
      Thread.currentThread().interrupt();
    }
    computer.close(); // its model calls write to the database and the streams
    activeView.close();
    database.close();
  }
}
