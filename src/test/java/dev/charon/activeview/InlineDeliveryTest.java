package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.testing.ApiTestBase;
import dev.charon.web.CharonApplication;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ManagedAsync;
import org.junit.jupiter.api.Test;

/**
 * The broadcaster delivers on Jersey's managed async executor, which Charon makes an inline
 * one. That is only safe while nothing else runs on it: no resource method is
 * {@code @ManagedAsync}.
 */
class InlineDeliveryTest extends ApiTestBase {
  @Test
  void noResourceMethodRunsOnTheManagedAsyncExecutor() {
    List<String> managed = new ArrayList<>();
    for (Object resource : new CharonApplication(charon).getInstances()) {
      for (Method m : resource.getClass().getMethods()) {
        if (m.isAnnotationPresent(ManagedAsync.class) || resource.getClass().isAnnotationPresent(ManagedAsync.class)) {
          managed.add(resource.getClass().getSimpleName() + "." + m.getName());
        }
      }
    }
    assertEquals(List.of(), managed);
  }

  @Test
  void eventsReachStreamsWithoutJerseysDeliveryThreads() throws Exception {
    enterShip();
    try (var a = stream("api/active-view/stream/"); var b = stream("api/gm/active-view/stream/")) {
      long version = 0;
      for (int i = 0; i < 20; i++) {
        version = postOk("api/gm/encounter/room-visibility/", "{\"all\":" + (i % 2 == 0) + "}").get("version").asLong();
      }
      a.awaitVersion(version);
      b.awaitVersion(version);
    }
    // Jersey's default would have started "jersey-server-managed-async-executor" threads here.
    List<String> jerseyDelivery = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(n -> n.startsWith("jersey-server-managed-async-executor")).toList();
    assertEquals(List.of(), jerseyDelivery);
  }

  @Test
  void theExecutorRunsTasksOnTheCallersThread() throws Exception {
    Thread caller = Thread.currentThread();
    Thread[] ranOn = new Thread[1];
    CountDownLatch ran = new CountDownLatch(1);
    new InlineDeliveryExecutor().getExecutorService().execute(() -> {
      ranOn[0] = Thread.currentThread();
      ran.countDown();
    });
    assertTrue(ran.await(0, TimeUnit.SECONDS), "ran before execute returned");
    assertEquals(caller, ranOn[0]);
  }
}
