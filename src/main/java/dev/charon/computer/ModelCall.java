package dev.charon.computer;

import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One model call as the calling thread sees it: everything the library's HTTP thread learns (text,
 * the end, a failure, the stream closing) becomes a {@link Signal} in a queue that the calling
 * thread drains with its own deadline. So the caller's {@code onText} runs on the caller's thread
 * and never after {@code complete} has returned, and no server behaviour can hold the caller past
 * the timeout. The call also holds the response body so that giving up closes the connection
 * instead of leaving a library thread blocked in a read until the server hangs up.
 */
final class ModelCall implements StreamingChatResponseHandler {
  /** What the HTTP thread reports, in the order it happened. */
  sealed interface Signal {}

  record Text(String piece) implements Signal {}

  record Done(ChatResponse response) implements Signal {}

  record Failed(Throwable error) implements Signal {}

  /** The library's event handling threw: the server sent something that is not a model event. */
  record Junk() implements Signal {}

  /** The body ended (cleanly or not); after {@link Done} it means nothing. */
  record Closed() implements Signal {}

  private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
  // Written only by the call's one HTTP thread, before it queues the signal after which the
  // caller reads them; the queue's hand-over would suffice, volatile keeps that from mattering.
  private volatile boolean sawEnd;
  private volatile int events;
  // Guarded by this: the HTTP thread opens the body while the caller may be giving up.
  private InputStream body;
  private boolean cancelled;

  Signal next(long timeoutNanos) throws InterruptedException {
    return timeoutNanos <= 0 ? signals.poll() : signals.poll(timeoutNanos, TimeUnit.NANOSECONDS);
  }

  /** The stream's own end marker arrived (Anthropic {@code message_stop}, OpenAI {@code [DONE]}). */
  boolean sawEnd() {
    return sawEnd;
  }

  int events() {
    return events;
  }

  // ---- the library's handler: called on the HTTP thread -------------------------------------

  @Override
  public void onPartialResponse(String piece) {
    if (piece != null && !piece.isEmpty()) {
      signals.add(new Text(piece));
    }
  }

  @Override
  public void onCompleteResponse(ChatResponse response) {
    signals.add(new Done(response));
  }

  @Override
  public void onError(Throwable error) {
    signals.add(new Failed(error));
  }

  // ---- the stream itself, seen through TrackingHttpClient -----------------------------------

  /** @return false when the call has already given up: the body is closed and must not be read */
  boolean opened(InputStream stream) {
    synchronized (this) {
      if (!cancelled) {
        body = stream;
        return true;
      }
    }
    closeQuietly(stream);
    return false;
  }

  /** Closes the body if it is open; a read blocked in the HTTP thread then ends at once. */
  void cancel() {
    InputStream stream;
    synchronized (this) {
      cancelled = true;
      stream = body;
      body = null;
    }
    if (stream != null) {
      closeQuietly(stream);
    }
  }

  /** Wraps the library's listener so that this call sees every event and the stream's end. */
  ServerSentEventListener watching(ServerSentEventListener library) {
    return new ServerSentEventListener() {
      @Override
      public void onOpen(SuccessfulHttpResponse response) {
        library.onOpen(response);
      }

      @Override
      public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
        seen(event);
        try {
          library.onEvent(event, context);
        } catch (RuntimeException e) {
          // The library could not read the event (not JSON, or the wrong shape). Without this it
          // would be logged and skipped, and the call would wait for an end that never comes.
          signals.add(new Junk());
        }
      }

      @Override
      public void onEvent(ServerSentEvent event) {
        seen(event);
        try {
          library.onEvent(event);
        } catch (RuntimeException e) {
          signals.add(new Junk());
        }
      }

      @Override
      public void onError(Throwable error) {
        try {
          library.onError(error);
        } finally {
          signals.add(new Failed(error));
        }
      }

      @Override
      public void onClose() {
        try {
          library.onClose(); // OpenAI's client completes the response here
        } finally {
          signals.add(new Closed());
        }
      }
    };
  }

  private void seen(ServerSentEvent event) {
    events++; // only the one HTTP thread of this call writes it
    if ("message_stop".equals(event.event()) || "[DONE]".equals(event.data())) {
      sawEnd = true;
    }
  }

  private static void closeQuietly(InputStream stream) {
    try {
      stream.close();
    } catch (IOException | RuntimeException e) {
      // closing is all that was wanted; the HTTP thread sees the closed stream either way
    }
  }
}
