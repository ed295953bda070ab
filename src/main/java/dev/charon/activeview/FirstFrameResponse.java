package dev.charon.activeview;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * A stream's response that sends its headers together with its first frame: one socket write
 * per connect instead of two.
 *
 * <p>When a stream opens, Jersey commits the response and flushes it before it writes the first
 * chunk ({@code ContainerResponse.commitStream}, then {@code ChunkedOutput.flushQueue}), so the
 * headers went out in a packet of their own and the snapshot in the next, each a system call and
 * a wake-up of the client; at 1,000 connects the socket writes were half of the server's samples
 * (docs/benchmarks.md). The snapshot is always written right after, on the same thread
 * ({@link Subscriber#writeFirst}), and its flush carries the headers with it. So a flush before
 * any body byte is held back here; every flush after the first byte goes through, and closing
 * the stream sends whatever is held. A refused stream's JSON error goes through this wrapper too;
 * its body's own flush and the container's completion send it as usual.
 */
final class FirstFrameResponse extends HttpServletResponseWrapper {
  private ServletOutputStream out; // the request's thread creates it; Jersey asks for it once
  /** The container's own stream, once Jersey has asked for it (to write the stream's first frames). */
  private volatile ServletOutputStream container;

  FirstFrameResponse(HttpServletResponse response) {
    super(response);
  }

  /**
   * The container's output stream under Jersey's layers, or null before Jersey has opened the
   * response: what {@link Subscriber} writes a stream's later frames to (see there).
   */
  ServletOutputStream containerStream() {
    return container;
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (out == null) {
      ServletOutputStream target = super.getOutputStream();
      out = new HeldFlush(target);
      container = target;
    }
    return out;
  }

  /** Passes everything through but a flush that would send the headers alone. */
  private static final class HeldFlush extends ServletOutputStream {
    private final ServletOutputStream target;
    /** Set by the first body byte; read by the writer threads after (the sink orders them). */
    private volatile boolean bodyStarted;

    HeldFlush(ServletOutputStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
      bodyStarted = true;
      target.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > 0) {
        bodyStarted = true;
      }
      target.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      if (bodyStarted) {
        target.flush();
      }
    }

    @Override
    public void close() throws IOException {
      target.close();
    }

    @Override
    public boolean isReady() {
      return target.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      target.setWriteListener(listener);
    }
  }
}
