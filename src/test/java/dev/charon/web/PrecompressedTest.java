package dev.charon.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How an Accept-Encoding header is read (RFC 9110 12.5.3); the files themselves: ContainerSmokeIT. */
class PrecompressedTest {
  @Test
  void aCodingIsAcceptedWhenNamedOrCoveredByAStarWithAPositiveQ() {
    assertTrue(Precompressed.accepts("gzip, deflate, br", "br"));
    assertTrue(Precompressed.accepts("GZIP", "gzip"));
    assertTrue(Precompressed.accepts("br;q=0.5", "br"));
    assertTrue(Precompressed.accepts("*", "gzip"));
    assertTrue(Precompressed.accepts(" br ; q=1.0 ", "br"));
  }

  @Test
  void aCodingIsRefusedWhenAbsentOrAtQZeroEvenUnderAStar() {
    assertFalse(Precompressed.accepts(null, "gzip"));
    assertFalse(Precompressed.accepts("", "gzip"));
    assertFalse(Precompressed.accepts("identity", "gzip"));
    assertFalse(Precompressed.accepts("gzip;q=0", "gzip"));
    assertFalse(Precompressed.accepts("*, br;q=0", "br"));
    assertFalse(Precompressed.accepts("*;q=0", "gzip"));
    assertFalse(Precompressed.accepts("br;q=zero", "br"));
    assertFalse(Precompressed.accepts("brotli", "br"));
  }
}
