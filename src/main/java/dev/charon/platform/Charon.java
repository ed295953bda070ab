package dev.charon.platform;

import dev.charon.activeview.ActiveView;
import dev.charon.campaign.CampaignHolder;
import dev.charon.campaign.CampaignReloader;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Properties;

/**
 * The service graph of one deployment, wired by hand in one place (there is no CDI on plain
 * Tomcat). Built by {@link CharonBootstrap} at start-up and by tests directly.
 */
public final class Charon implements AutoCloseable {
  private static volatile Charon instance;

  private final Settings settings;
  private final Database database;
  private final CampaignHolder campaign;
  private final ActiveView activeView;
  private final CampaignReloader campaignReloader;
  private final Instant startedAt = Instant.now();

  public Charon(Settings settings, Database database, CampaignHolder campaign) {
    this(settings, database, campaign, new ActiveView(campaign));
  }

  public Charon(Settings settings, Database database, CampaignHolder campaign, ActiveView activeView) {
    this.settings = settings;
    this.database = database;
    this.campaign = campaign;
    this.activeView = activeView;
    this.campaignReloader = new CampaignReloader(campaign, activeView);
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

  @Override
  public void close() {
    campaignReloader.close();
    activeView.close();
    database.close();
  }
}
