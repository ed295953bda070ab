package dev.charon.computer;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link DraftModel} on LangChain4j's streaming chat models: Anthropic's Messages API or any
 * OpenAI-compatible chat completions server, over the JDK's HttpClient. The library builds the
 * requests and parses the events; this class owns the time (one deadline for the whole call, kept
 * on the calling thread) and the words the GM reads when it fails ({@link ModelErrors}).
 */
final class StreamingDraftModel implements DraftModel {
  static final String ANTHROPIC_BASE_URL = "https://api.anthropic.com/v1/";
  static final String OPENAI_BASE_URL = "https://api.openai.com/v1";

  private final ModelInfo info;
  private final StreamingChatModel chat;
  private final long timeoutNanos;
  private final ModelErrors errors;

  StreamingDraftModel(ModelSettings settings) {
    String model = settings.model().orElseThrow();
    Duration timeout = Duration.ofSeconds(settings.timeoutSeconds());
    this.info = new ModelInfo(true, settings.provider(), model);
    this.timeoutNanos = timeout.toNanos();
    // The library's connect and read timeouts are set to the whole timeout too: they end a
    // request still waiting for its headers, which the call cannot close itself.
    if (settings.provider().equals(ModelSettings.ANTHROPIC)) {
      String baseUrl = settings.baseUrl().orElse(ANTHROPIC_BASE_URL);
      this.chat = AnthropicStreamingChatModel.builder()
          .httpClientBuilder(new TrackingHttpClient.Builder())
          .baseUrl(baseUrl)
          .apiKey(settings.apiKey().orElseThrow())
          .modelName(model)
          .timeout(timeout)
          .logRequests(false) // the request log would print the x-api-key header
          .logResponses(false)
          .build();
      this.errors = new ModelErrors(baseUrl, settings.timeoutSeconds(), settings.apiKey());
    } else {
      String baseUrl = settings.baseUrl().orElse(OPENAI_BASE_URL);
      this.chat = OpenAiStreamingChatModel.builder()
          .httpClientBuilder(new TrackingHttpClient.Builder())
          .baseUrl(baseUrl)
          // Without a key the library sends no Authorization header, which is what Ollama and
          // llama.cpp expect.
          .apiKey(settings.apiKey().orElse(null))
          .modelName(model)
          .timeout(timeout)
          .logRequests(false) // the request log would print the Authorization header
          .logResponses(false)
          .build();
      this.errors = new ModelErrors(baseUrl, settings.timeoutSeconds(), settings.apiKey());
    }
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public String complete(ModelPrompt prompt, Consumer<String> onText) throws ModelException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    long deadline = System.nanoTime() + timeoutNanos;
    ModelCall call = new ModelCall();
    TrackingHttpClient.STARTING.set(call);
    try {
      chat.chat(request(prompt), call);
    } catch (RuntimeException e) {
      call.cancel();
      throw errors.failed(e);
    } finally {
      TrackingHttpClient.STARTING.remove();
    }
    StringBuilder text = new StringBuilder();
    try {
      while (true) {
        ModelCall.Signal signal = call.next(deadline - System.nanoTime());
        if (signal == null) {
          throw errors.timedOut(text.length() > 0);
        } else if (signal instanceof ModelCall.Text piece) {
          text.append(piece.piece());
          onText.accept(piece.piece());
        } else if (signal instanceof ModelCall.Done done) {
          return finished(call, done.response(), text.toString());
        } else if (signal instanceof ModelCall.Failed failed) {
          throw errors.failed(failed.error());
        } else if (signal instanceof ModelCall.Junk) {
          throw errors.junk();
        } else if (signal instanceof ModelCall.Closed) {
          throw errors.brokeOff(call.events());
        }
      }
    } finally {
      // Whatever ended the wait (answer, failure, timeout, interrupt, an exception from onText):
      // an open stream is closed so neither a thread nor a connection is left behind.
      call.cancel();
    }
  }

  private String finished(ModelCall call, ChatResponse response, String streamed) throws ModelException {
    FinishReason reason = response.finishReason();
    // OpenAI's client reports a stream that just stopped as a complete answer; a real one
    // ends with [DONE] or at least says why it finished.
    if (!call.sawEnd() && reason == null) {
      throw errors.brokeOff(call.events());
    }
    String full = streamed.isEmpty() && response.aiMessage() != null && response.aiMessage().text() != null
        ? response.aiMessage().text() : streamed;
    if (full.isBlank()) {
      throw errors.noText(reason == FinishReason.LENGTH ? " before it reached max_tokens"
          : reason == FinishReason.CONTENT_FILTER || reason == FinishReason.OTHER ? " (it may have declined to answer)"
          : "");
    }
    return full;
  }

  private static ChatRequest request(ModelPrompt prompt) {
    List<ChatMessage> messages = new ArrayList<>();
    if (!prompt.system().isBlank()) {
      messages.add(SystemMessage.from(prompt.system()));
    }
    for (ModelPrompt.Turn turn : prompt.messages()) {
      messages.add(turn.role().equals(ModelPrompt.USER) ? UserMessage.from(turn.content())
          : AiMessage.from(turn.content()));
    }
    return ChatRequest.builder()
        .messages(messages)
        .maxOutputTokens(prompt.maxTokens())
        .temperature(prompt.temperature())
        .build();
  }
}
