package dev.charon.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Warns at start-up about container settings that break SSE streams. On Tomcat, a connector that
 * caches request processors can hand a vanished stream's recycled processor to a new connection
 * while Jersey's sink is still finishing with it (Jersey issue #3719, Tomcat bug 61768): the new
 * stream loses its first events or its whole response. Charon's own {@code tomcat-conf} turns
 * the cache off; a WAR dropped into someone else's Tomcat may not, and nothing else would say so
 * until a tablet froze mid-session.
 */
final class ContainerCheck {
  private static final Logger LOG = Logger.getLogger(ContainerCheck.class.getName());

  private ContainerCheck() {}

  /** Logs one warning per Tomcat connector whose {@code processorCache} is not 0. */
  static void warnAboutProcessorCaches(MBeanServer mbeans) {
    for (String warning : processorCacheWarnings(mbeans)) {
      LOG.warning(warning);
    }
  }

  /** The warnings, one per offending connector; empty on other containers. */
  static List<String> processorCacheWarnings(MBeanServer mbeans) {
    List<String> warnings = new ArrayList<>();
    try {
      for (ObjectName name : mbeans.queryNames(new ObjectName("*:type=ProtocolHandler,*"), null)) {
        Object cache;
        try {
          cache = mbeans.getAttribute(name, "processorCache");
        } catch (JMException | RuntimeException e) {
          continue; // not a Tomcat protocol handler, or one without the setting
        }
        if (cache instanceof Number n && n.intValue() != 0) {
          warnings.add("Tomcat connector " + name.getKeyProperty("port") + " caches request processors (processorCache="
              + n + "). Screens that reconnect can lose events; set processorCache=\"0\" and socket.bufferPool=\"0\" "
              + "on its <Connector> in server.xml (README: Deploying the WAR yourself).");
        }
      }
    } catch (JMException e) {
      LOG.fine("container check skipped: " + e);
    }
    return warnings;
  }
}
