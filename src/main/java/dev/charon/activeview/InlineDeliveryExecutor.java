package dev.charon.activeview;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ManagedAsyncExecutor;
import org.glassfish.jersey.spi.ExecutorServiceProvider;

/**
 * The executor Jersey's {@link jakarta.ws.rs.sse.SseBroadcaster} delivers on: it runs each
 * delivery task in the publishing thread. Jersey's default is a cached thread pool, which made
 * every event to N idle subscribers start or wake N threads; on two cores a thousand
 * subscribers meant a thousand context switches per event.
 *
 * <p>Running inline is safe because every subscriber is a {@link Subscriber}, whose {@code send}
 * only queues the frame and hands the socket write to the bounded writer pool: delivery never
 * blocks, even for a client that stopped reading. Charon has no {@code @ManagedAsync} resource
 * methods, the other user of this executor.
 */
@ManagedAsyncExecutor
public final class InlineDeliveryExecutor implements ExecutorServiceProvider {
  private static final ExecutorService INLINE = new AbstractExecutorService() {
    @Override
    public void execute(Runnable task) {
      task.run();
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  };

  @Override
  public ExecutorService getExecutorService() {
    return INLINE;
  }

  @Override
  public void dispose(ExecutorService executorService) {}
}
