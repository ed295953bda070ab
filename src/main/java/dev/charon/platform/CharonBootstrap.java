package dev.charon.platform;

import dev.charon.campaign.CampaignHolder;
import dev.charon.campaign.CampaignLoader;
import dev.charon.campaign.DoorIds;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Starts Charon when the container deploys the WAR: resolves the settings (logging the absolute
 * paths it will use), checks the data directory, migrates the database, loads the campaign.
 * A configuration problem stops the deployment with one clear log line.
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
      settings.checkDataDir();
      Database database = Database.open(settings.dataDir());
      CampaignHolder campaign = new CampaignHolder(CampaignLoader.load(settings.campaignDir(), settings.dataDir()),
          DoorIds.withKey(database.deploymentKey(DoorIds.KEY_NAME, DoorIds.KEY_BYTES)));
      charon = new Charon(settings, database, campaign);
      FirstRun.ensureGm(charon.accounts(), settings, context);
      Charon.install(charon);
      // Edited campaign files are picked up without a restart (CampaignReloader explains how).
      charon.campaignReloader().watch();
      ContainerCheck.warnAboutProcessorCaches(java.lang.management.ManagementFactory.getPlatformMBeanServer());
      LOG.info("Charon ready at context '" + context + "'");
    } catch (StartupException e) {
      // One line an operator can act on; the stack trace would only hide it.
      LOG.severe("CHARON DID NOT START: " + e.getMessage());
      throw e;
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "CHARON DID NOT START: " + e, e);
      throw e;
    }
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    if (charon != null) {
      charon.close();
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
