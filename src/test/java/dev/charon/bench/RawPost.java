package dev.charon.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A keep-alive HTTP/1.1 client for JSON POSTs, written on a plain socket so that the benchmark
 * measures the server, not its client: {@code java.net.http} spends several milliseconds per
 * request on this machine (a raw-socket cross-check measured POST→event p50 2.5 ms where the
 * JDK client measured 8–10 ms). One instance per thread; it is not thread-safe.
 *
 * <p>Tomcat closes a keep-alive connection after {@code maxKeepAliveRequests} (100) and says so
 * with {@code Connection: close}; this client then opens a new one before the next request.
 */
final class RawPost implements AutoCloseable {
  private final String host;
  private final int port;
  private final String basePath;
  private final String cookie;
  private final String csrf;
  private final java.net.InetAddress local;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  record Response(int status, String body) {}

  RawPost(URI base, String cookie, String csrf) {
    this(base, cookie, csrf, null);
  }

  /** @param local the address to connect from (127.0.0.N on Linux: one client address per terminal), null for any */
  RawPost(URI base, String cookie, String csrf, java.net.InetAddress local) {
    this.local = local;
    this.host = base.getHost();
    this.port = base.getPort();
    this.basePath = base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/";
    this.cookie = cookie;
    this.csrf = csrf;
  }

  /** Requests sent again because a kept-alive connection was found closed (reported with the figures). */
  static final java.util.concurrent.atomic.AtomicInteger RESENT = new java.util.concurrent.atomic.AtomicInteger();

  Response post(String path, String json) throws IOException {
    boolean reused = socket != null;
    try {
      return send(path, json);
    } catch (IOException e) {
      if (!reused) {
        throw e;
      }
      // A kept-alive connection the server had already given up on: what every HTTP client
      // does is open a new one and send again (a token move twice is harmless here).
      close();
      RESENT.incrementAndGet();
      return send(path, json);
    }
  }

  private Response send(String path, String json) throws IOException {
    if (socket == null) {
      socket = local == null ? new Socket(host, port) : new Socket(host, port, local, 0);
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head = "POST " + basePath + path + " HTTP/1.1\r\n"
        + "Host: " + host + ":" + port + "\r\n"
        + "Content-Type: application/json\r\n"
        + "Accept: application/json\r\n"
        + "Cookie: " + cookie + "\r\n"
        + "X-CSRFToken: " + csrf + "\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    out.write(request);
    out.flush();
    return read();
  }

  private Response read() throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      close();
      throw new IOException("the server closed the connection before answering");
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    int length = -1;
    boolean chunked = false;
    boolean closeAfter = false;
    String header;
    while (!(header = line()).isEmpty()) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).trim().toLowerCase();
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Integer.parseInt(value);
        case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
        case "connection" -> closeAfter = value.equalsIgnoreCase("close");
        default -> { }
      }
    }
    StringBuilder body = new StringBuilder();
    if (chunked) {
      int size;
      while ((size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0) {
        body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
        line();
      }
      line();
    } else if (length >= 0) {
      body.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }
    if (closeAfter) {
      close();
    }
    return new Response(status, body.toString());
  }

  /** One CRLF-terminated line without its terminator; null at end of stream. */
  private String line() throws IOException {
    StringBuilder s = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int n = s.length();
        return n > 0 && s.charAt(n - 1) == '\r' ? s.substring(0, n - 1) : s.toString();
      }
      s.append((char) c);
    }
    return s.length() == 0 ? null : s.toString();
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
      socket = null;
    }
  }
}
