package dev.charon.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The start-up warning about Tomcat's processor cache, against a private MBean server holding
 * beans shaped like Tomcat's (attribute names as its modeler exposes them). The real Tomcat is
 * checked in BadConfigurationIT and ContainerSmokeIT.
 */
class ContainerCheckTest {
  /** A read-only bean with the given attributes. */
  private record Bean(Map<String, Object> attributes) implements DynamicMBean {
    @Override
    public Object getAttribute(String name) throws AttributeNotFoundException {
      if (!attributes.containsKey(name)) {
        throw new AttributeNotFoundException(name);
      }
      return attributes.get(name);
    }

    @Override
    public void setAttribute(Attribute attribute) {
      throw new UnsupportedOperationException();
    }

    @Override
    public AttributeList getAttributes(String[] names) {
      return new AttributeList();
    }

    @Override
    public AttributeList setAttributes(AttributeList list) {
      return new AttributeList();
    }

    @Override
    public Object invoke(String action, Object[] params, String[] signature) {
      throw new UnsupportedOperationException();
    }

    @Override
    public MBeanInfo getMBeanInfo() {
      return new MBeanInfo(Bean.class.getName(), "test bean", new MBeanAttributeInfo[0], null, null, null);
    }
  }

  @Test
  void warnsForEachConnectorThatCachesProcessors() throws Exception {
    MBeanServer mbeans = MBeanServerFactory.newMBeanServer();
    mbeans.registerMBean(new Bean(Map.of("processorCache", 200)),
        new ObjectName("Catalina:type=ProtocolHandler,port=8080"));
    mbeans.registerMBean(new Bean(Map.of("processorCache", 0)),
        new ObjectName("Catalina:type=ProtocolHandler,port=8081"));
    List<String> warnings = ContainerCheck.processorCacheWarnings(mbeans);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("connector 8080"), warnings.get(0));
    assertTrue(warnings.get(0).contains("processorCache=\"0\""), warnings.get(0));
  }

  @Test
  void saysNothingOnOtherContainers() throws Exception {
    MBeanServer mbeans = MBeanServerFactory.newMBeanServer();
    assertEquals(List.of(), ContainerCheck.processorCacheWarnings(mbeans));
    mbeans.registerMBean(new Bean(Map.of("name", "http")), new ObjectName("grizzly:type=ProtocolHandler,name=http"));
    assertEquals(List.of(), ContainerCheck.processorCacheWarnings(mbeans));
  }
}
