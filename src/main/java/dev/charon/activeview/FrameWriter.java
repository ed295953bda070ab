package dev.charon.activeview;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes a {@link Frame}'s ready bytes. Jersey chooses the writer whose declared type is
 * nearest the entity's class, so this one wins over its generic {@code OutboundSseEvent}
 * writer for every frame Charon sends.
 */
@Provider
@Produces(MediaType.SERVER_SENT_EVENTS)
public final class FrameWriter implements MessageBodyWriter<Frame> {
  @Override
  public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return Frame.class.isAssignableFrom(type);
  }

  @Override
  public void writeTo(Frame frame, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
      MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
    entityStream.write(frame.bytes());
  }
}
