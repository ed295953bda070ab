package dev.charon.activeview;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the servlet container knows about one stream's connection, which JAX-RS does not tell:
 * that it ended. Jersey registers no listener on the request it suspends for an SSE sink
 * (Jersey issue #3719), so a client that went away was noticed only when a later write failed,
 * and a response the container had already recycled could still be written to. This listener
 * (added by {@link StreamConnectionFilter}) hears the container's own signal — the client closed
 * or reset the socket, a write failed, the request completed — and at once removes the
 * subscriber, which from then on never touches its sink.
 *
 * <p>On an error it also completes the request, as the servlet specification asks of a listener
 * (otherwise Tomcat runs an error dispatch for it). A client leaving is how every stream ends,
 * not a server error, but Tomcat records status 500 in its access log for any async request
 * whose socket failed, after the listeners ran (CoyoteAdapter.asyncDispatch), whatever the
 * application does. So the stream is logged here, once, as what it was (499: the client closed),
 * and the request is marked with {@link #CLIENT_LEFT_ATTRIBUTE}, which tomcat-conf's access log
 * valve skips ({@code conditionUnless}).
 */
public final class StreamConnection implements AsyncListener {
  /** The request attribute (a Jersey request property) under which the filter leaves this. */
  public static final String ATTRIBUTE = StreamConnection.class.getName();
  /** Set on a stream request whose client went away; an access log valve can skip such lines. */
  public static final String CLIENT_LEFT_ATTRIBUTE = "dev.charon.stream.clientLeft";
  private static final Logger LOG = Logger.getLogger(StreamConnection.class.getName());

  private final String request;
  private final Optional<TcpTable.SocketId> socket;
  private final long startNanos = System.nanoTime();
  private volatile FirstFrameResponse response; // set by the filter before the request goes on
  private Runnable onEnd; // guarded by this
  private boolean ended; // guarded by this

  /**
   * @param request how the app's log names the request: client address, method and path
   * @param socket the connection as the kernel lists it, for {@link DeadPeers}
   */
  StreamConnection(String request, Optional<TcpTable.SocketId> socket) {
    this.request = request;
    this.socket = socket;
  }

  Optional<TcpTable.SocketId> socket() {
    return socket;
  }

  void response(FirstFrameResponse response) {
    this.response = response;
  }

  /** The container's stream of this response, once Jersey has opened it; else null. */
  java.io.OutputStream containerStream() {
    FirstFrameResponse r = response;
    return r == null ? null : r.containerStream();
  }

  /** Runs {@code action} once when the connection ends (at once if it already has). */
  void onEnd(Runnable action) {
    boolean now;
    synchronized (this) {
      now = ended;
      if (!now) {
        onEnd = action;
      }
    }
    if (now) {
      action.run();
    }
  }

  /** The connection is over: the request completed, failed, or was never a stream. */
  void end() {
    Runnable action;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      action = onEnd;
      onEnd = null;
    }
    if (action != null) {
      action.run();
    }
  }

  @Override
  public void onComplete(AsyncEvent event) {
    end();
  }

  @Override
  public void onError(AsyncEvent event) {
    // A client that left is normal for a stream, not a server error: one line, no stack trace.
    event.getSuppliedRequest().setAttribute(CLIENT_LEFT_ATTRIBUTE, Boolean.TRUE);
    LOG.info(() -> request + " 499 (the client left) after " + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
    LOG.log(Level.FINE, "stream ended by", event.getThrowable());
    end();
    complete(event);
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    end();
    complete(event);
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // Jersey starts the request's async cycle once; a restart would need the listener again.
    event.getAsyncContext().addListener(this);
  }

  private static void complete(AsyncEvent event) {
    try {
      event.getAsyncContext().complete();
    } catch (IllegalStateException alreadyCompleting) {
      // The container is completing it already: nothing left to do.
    }
  }
}
