package dev.charon.platform;

import dev.charon.campaign.CampaignHolder;
import dev.charon.campaign.CampaignLoader;
import dev.charon.campaign.DoorIds;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.ResourceBundle;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Starts Charon when the container deploys the WAR: resolves the settings (logging the absolute
 * paths it will use), checks the data directory, migrates the database, loads the campaign.
 * A configuration problem stops the deployment with one clear log line.
 *
 * <p>On undeploy it leaves nothing behind that would keep this deployment's class loader (and
 * with it every class and the campaign) in memory: a redeploy into a running Tomcat must not
 * leak. RedeployIT checks that with Tomcat's own leak detection.
 */
@WebListener
public final class CharonBootstrap implements ServletContextListener {
  private static final Logger LOG = Logger.getLogger(CharonBootstrap.class.getName());

  private Charon charon;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    String context = event.getServletContext().getContextPath();
    try {
      Settings settings = Settings.resolve(System::getenv, CharonBootstrap::jndi);
      LOG.info("Charon " + Charon.version() + " starting at context '" + context + "'");
      LOG.info("Data directory (" + Settings.DATA_DIR + "): " + settings.dataDir());
      LOG.info("Campaign directory (" + Settings.CAMPAIGN_DIR + "): "
          + settings.campaignDir().map(Object::toString).orElse("(not set: the built-in demo campaign)"));
      LOG.info("Event streams: at most " + settings.streamLimits().maxPerAddress() + " per client address ("
          + Settings.MAX_STREAMS_PER_ADDRESS + "), " + settings.streamLimits().maxTotal() + " in all ("
          + Settings.MAX_STREAMS_TOTAL + "), heartbeat every " + settings.heartbeatSeconds() + " s ("
          + Settings.HEARTBEAT_SECONDS + ")");
      LOG.info("Host names answered (" + Settings.ALLOWED_HOSTS + "): " + settings.allowedHosts());
      LOG.info("Public URL (" + Settings.PUBLIC_URL + "): " + settings.publicUrl().map(Object::toString)
          .orElse("(not set: wherever the browsers address this server)"));
      LOG.info("Trusted proxies (" + Settings.TRUSTED_PROXIES + "): " + (settings.trustedProxies().none()
          ? "none: forwarding headers are ignored, the socket's address is the client's"
          : settings.trustedProxies() + ": their Forwarded / X-Forwarded-* headers name the client"));
      LOG.info("CHARON drafts (charon.model.*): " + (settings.model().provider().equals("none")
          ? "no model, the campaign's fallback replies" : settings.model().toString()));
      settings.checkDataDir();
      Database database = Database.open(settings.dataDir());
      CampaignHolder campaign = new CampaignHolder(CampaignLoader.load(settings.campaignDir(), settings.dataDir()),
          DoorIds.withKey(database.deploymentKey(DoorIds.KEY_NAME, DoorIds.KEY_BYTES)));
      charon = new Charon(settings, database, campaign);
      FirstRun.ensureGm(charon.accounts(), settings, context);
      Charon.install(charon);
      // Edited campaign files are picked up without a restart (CampaignReloader explains how).
      charon.campaignReloader().watch();
      LOG.info(ready(settings, context));
    } catch (StartupException e) {
      // One line an operator can act on; the stack trace would only hide it.
      LOG.severe("CHARON DID NOT START: " + e.getMessage());
      throw e;
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "CHARON DID NOT START: " + e, e);
      throw e;
    }
  }

  /** The ready line: with a public URL, the links the table opens. */
  static String ready(Settings settings, String context) {
    if (settings.publicUrl().isEmpty()) {
      return "Charon ready at context '" + context + "'";
    }
    PublicUrl url = settings.publicUrl().get();
    return "Charon ready at context '" + context + "', published at " + url + "\n"
        + "  player terminal: " + url.link("terminal/") + "\n"
        + "  GM console     : " + url.link("gmconsole/") + "\n"
        + "  messages       : " + url.link("messages/") + "\n"
        + "  player phones  : " + url.link("player/") + "\n"
        + "  health         : " + url.link("api/health/");
  }

  /** Runs after the container stopped Jersey, so no request can reach the services it closes. */
  @Override
  public void contextDestroyed(ServletContextEvent event) {
    if (charon != null) {
      Charon.install(null);
      charon.close(); // returns once its threads ended and the database is shut down
      charon = null;
    }
    ClassLoader ours = event.getServletContext().getClassLoader();
    deregisterDrivers(ours);
    // EclipseLink reads its messages through ResourceBundle, whose JDK-wide cache holds them
    // softly; a garbage collection alone would not let this class loader go.
    ResourceBundle.clearCache(ours);
    RecordMethodCaches.release();
  }

  /**
   * Deregisters the JDBC drivers this deployment's class loader registered (H2's registers itself
   * when loaded), after the database is closed. A driver of the container, or of the JVM when a
   * test runs Charon with its jars on the class path, is not ours and stays.
   */
  static void deregisterDrivers(ClassLoader ours) {
    for (Driver driver : Collections.list(DriverManager.getDrivers())) {
      if (driver.getClass().getClassLoader() == ours) {
        try {
          DriverManager.deregisterDriver(driver);
          LOG.info("Deregistered the JDBC driver " + driver.getClass().getName());
        } catch (SQLException e) {
          LOG.log(Level.WARNING, "could not deregister the JDBC driver " + driver.getClass().getName(), e);
        }
      }
    }
  }

  private static String jndi(String name) {
    try {
      Object value = new InitialContext().lookup("java:comp/env/" + name);
      return value == null ? null : value.toString();
    } catch (NamingException | RuntimeException e) {
      return null;
    }
  }
}
