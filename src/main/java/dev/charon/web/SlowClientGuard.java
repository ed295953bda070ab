package dev.charon.web;

import dev.charon.platform.Charon;
import dev.charon.platform.TrustedProxies;
import dev.charon.security.ClientRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds what one slow client can hold. A request body is read on one of the container's worker
 * threads (Tomcat's default pool has 200); measured on a stock Tomcat, 260 connections sending a
 * login body a byte every 5 s held them all, and health timed out for everyone. So, in the WAR,
 * whatever the container's settings:
 * <ul>
 *   <li>one client address may have {@link #MAX_IN_FLIGHT_PER_ADDRESS} API requests in progress
 *       at once; more get 503 with {@code Retry-After} at once (an event stream counts only while
 *       it is being opened: it holds no thread afterwards). 503, not 429: after a response whose
 *       status does not drop the connection, Tomcat reads the rest of the unread body on the
 *       worker thread before it takes the next request (up to {@code maxSwallowSize}), so a
 *       trickling client refused with 429 still held a thread; with 503 (as with 400, 408, 413)
 *       Tomcat closes the connection instead (measured: 260 connections, health timed out with
 *       429 and answered in milliseconds with 503, SlowClientsIT);
 *   <li>a request body must arrive within {@link #BODY_READ_DEADLINE_SECONDS} of the request
 *       reaching Charon: a read after that fails, and the request gets 408 ({@link Body}).
 * </ul>
 * A body that stops arriving altogether is ended by the container's own read timeout (Tomcat's
 * {@code connectionTimeout}, 20 s by default). Async-supported: it sits in front of the streams.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class SlowClientGuard extends HttpFilter {
  /** Far above what a browser or a table of them does at once (6 connections per host and tab). */
  public static final int MAX_IN_FLIGHT_PER_ADDRESS = 32;
  /** Every request body of the API is a few kilobytes at most: seconds are generous. */
  public static final long BODY_READ_DEADLINE_SECONDS = 10;
  static final long RETRY_AFTER_SECONDS = 1;

  private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private TrustedProxies trusted = TrustedProxies.NONE;

  /** Behind a trusted reverse proxy the client is the one it forwards for, not the proxy. */
  @Override
  public void init() {
    trusted = Charon.installed().settings().trustedProxies();
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String address = ClientRequest.of(req.getRemoteAddr(), name -> java.util.Collections.list(req.getHeaders(name)),
        req.getScheme(), req.getServerName(), req.getServerPort(), trusted).address();
    AtomicInteger count = inFlight.compute(address, (a, n) -> {
      AtomicInteger c = n == null ? new AtomicInteger() : n;
      c.incrementAndGet();
      return c;
    });
    try {
      if (count.get() > MAX_IN_FLIGHT_PER_ADDRESS) {
        res.setHeader("Retry-After", Long.toString(RETRY_AFTER_SECONDS));
        ErrorPageServlet.write(req, res, 503, "Too many requests in progress from this address; try again in a moment",
            req.getRequestURI());
        return;
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BODY_READ_DEADLINE_SECONDS);
      chain.doFilter(new DeadlineRequest(req, deadline), res);
    } finally {
      // Removed at zero, so an address that is gone leaves nothing behind.
      inFlight.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
  }

  /** Requests in progress from this address (tests). */
  int inFlight(String address) {
    AtomicInteger n = inFlight.get(address);
    return n == null ? 0 : n.get();
  }

  /** A read of the body after its deadline: {@link Body} answers 408. */
  public static final class TooSlow extends IOException {
    TooSlow() {
      super("the request body did not arrive within " + BODY_READ_DEADLINE_SECONDS + " s", null);
    }
  }

  private static final class DeadlineRequest extends HttpServletRequestWrapper {
    private final long deadlineNanos;
    private ServletInputStream wrapped;

    DeadlineRequest(HttpServletRequest request, long deadlineNanos) {
      super(request);
      this.deadlineNanos = deadlineNanos;
    }

    @Override
    public synchronized ServletInputStream getInputStream() throws IOException {
      if (wrapped == null) {
        wrapped = new DeadlineStream(super.getInputStream(), deadlineNanos);
      }
      return wrapped;
    }
  }

  /** Checks the deadline before and after every read: a client that trickles bytes is cut off. */
  private static final class DeadlineStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long deadlineNanos;

    DeadlineStream(ServletInputStream in, long deadlineNanos) {
      this.in = in;
      this.deadlineNanos = deadlineNanos;
    }

    private void check() throws TooSlow {
      if (System.nanoTime() - deadlineNanos > 0) {
        throw new TooSlow();
      }
    }

    @Override
    public int read() throws IOException {
      check();
      int b = in.read();
      check();
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      check();
      int n = in.read(b, off, len);
      check();
      return n;
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
