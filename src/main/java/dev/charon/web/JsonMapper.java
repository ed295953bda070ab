package dev.charon.web;

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
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return MAPPER;
  }
}
