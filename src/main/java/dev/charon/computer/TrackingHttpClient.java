package dev.charon.computer;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.time.Duration;

/**
 * LangChain4j's JDK HTTP client with each streamed answer tied to the {@link ModelCall} that asked
 * for it. The library alone loses two things: an answer that stops without its end event leaves
 * its handler waiting forever, and it has no way to close a stream whose server has gone quiet.
 */
final class TrackingHttpClient implements HttpClient {
  /**
   * The call being started on this thread. The streaming models start their request on the
   * calling thread (only the body is read on the HTTP client's threads), so the model sets this
   * around {@code chat(...)}.
   */
  static final ThreadLocal<ModelCall> STARTING = new ThreadLocal<>();

  private final HttpClient delegate;

  private TrackingHttpClient(HttpClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    return delegate.execute(request);
  }

  @Override
  public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    ModelCall call = STARTING.get();
    if (call == null) {
      delegate.execute(request, parser, listener);
      return;
    }
    ServerSentEventParser tracked = (body, events) -> {
      if (call.opened(body)) {
        parser.parse(body, events);
      }
    };
    delegate.execute(request, tracked, call.watching(listener));
  }

  /** What the models are given: builds the library's JDK client and wraps it. */
  static final class Builder implements HttpClientBuilder {
    private final JdkHttpClientBuilder jdk = JdkHttpClient.builder();

    @Override
    public Duration connectTimeout() {
      return jdk.connectTimeout();
    }

    @Override
    public Builder connectTimeout(Duration timeout) {
      jdk.connectTimeout(timeout);
      return this;
    }

    @Override
    public Duration readTimeout() {
      return jdk.readTimeout();
    }

    @Override
    public Builder readTimeout(Duration timeout) {
      jdk.readTimeout(timeout);
      return this;
    }

    @Override
    public HttpClient build() {
      return new TrackingHttpClient(jdk.build());
    }
  }
}
