package dev.charon.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The one ObjectMapper for HTTP answers: snake_case names (the original's wire format), ISO-8601
 * dates. A named class, because Jersey cannot see the type argument of a lambda resolver.
 */
@Provider
public final class JsonMapper implements ContextResolver<ObjectMapper> {
  /**
   * Where every Charon mapper and factory recycles its buffers: one bounded pool, not Jackson's
   * default ThreadLocal. That would leave a buffer (a class of this deployment) on every container
   * thread that ever wrote JSON, held softly, so an undeploy could not free the deployment's class
   * loader until memory ran short (RedeployIT, with Tomcat's findleaks).
   */
  public static final RecyclerPool<BufferRecycler> BUFFERS = JsonRecyclerPools.sharedBoundedPool();

  public static final ObjectMapper MAPPER = new ObjectMapper(factory())
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  /** A plain JSON factory recycling through {@link #BUFFERS}: build every ObjectMapper on one. */
  public static JsonFactory factory() {
    return JsonFactory.builder().recyclerPool(BUFFERS).build();
  }

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return MAPPER;
  }
}
