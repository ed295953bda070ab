package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameTest {
  @Test
  void anEventIsRenderedOnceInTheSseWireFormat() {
    Frame f = Frame.event("activeview", "7", "{\"a\":1}", 3000);
    assertEquals("event: activeview\nid: 7\nretry: 3000\ndata: {\"a\":1}\n\n", f.toString());
    assertEquals("7", f.getId());
    assertEquals("{\"a\":1}", f.getData());
  }

  @Test
  void withoutIdOrRetryThoseLinesAreLeftOut() {
    assertEquals("event: auth\ndata: {}\n\n", Frame.event("auth", null, "{}", -1).toString());
  }

  @Test
  void lineBreaksInDataBecomeMoreDataLinesAndCannotForgeFields() {
    Frame f = Frame.event("x\nid: 99", "1", "a\nevent: evil\r\nb", -1);
    assertEquals("event: xid: 99\nid: 1\ndata: a\ndata: event: evil\ndata: b\n\n", f.toString());
  }

  @Test
  void aCommentIsOneLine() {
    assertEquals(": heartbeat\n\n", Frame.comment("heartbeat").toString());
  }

  @Test
  void framesQueuedForOneStreamLeaveAsOneWriteInOrderWithTheLastId() {
    Frame a = Frame.event("activeview", "1", "{}", -1);
    Frame beat = Frame.comment("heartbeat");
    Frame b = Frame.event("activeview", "2", "{}", -1);
    Frame all = Frame.concat(List.of(a, beat, b));
    assertEquals(a.toString() + beat + b, all.toString());
    assertEquals("2", all.getId());
    assertSame(a, Frame.concat(List.of(a)));
    assertNull(Frame.concat(List.of(beat)).getId());
  }
}
