package io.tracer.core.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentsTest {
  @Test
  void of_adjacentSameFlag_mergedAndEmptyDropped() {
    Segments s =
        Segments.of(
            List.of(
                new Segments.Segment(5, true),
                new Segments.Segment(0, false),
                new Segments.Segment(3, true),
                new Segments.Segment(2, false)));
    assertEquals("[(8,T),(2,C)]", s.toString());
    assertEquals(2, s.size());
    assertEquals(10, s.total());
    assertEquals(8, s.tainted());
  }

  @Test
  void parse_toString_roundTrips() {
    for (String t : List.of("[]", "[(1000,T),(4000,C)]", "[(1,C),(2,T),(3,C)]")) {
      assertEquals(t, Segments.parse(t).toString());
    }
  }

  @Test
  void parse_garbage_rejected() {
    for (String bad : List.of("", "(1,T)", "[(1,X)]", "[(a,T)]", "[(-1,T)]", "[(1T)]", "[(1,T),]")) {
      assertThrows(IllegalArgumentException.class, () -> Segments.parse(bad), bad);
    }
  }

  @Test
  void equals_sameRunsEqualDifferentFlagsNot() {
    assertEquals(Segments.parse("[(3,T),(1,C)]"), Segments.parse("[(1,T),(2,T),(1,C)]"));
    assertEquals(Segments.EMPTY, Segments.clean(0));
    assertNotEquals(Segments.tainted(3), Segments.clean(3));
    assertEquals(Segments.tainted(3).hashCode(), Segments.parse("[(3,T)]").hashCode());
  }

  @Test
  void taintState_inconsistent_rejected() {
    assertThrows(IllegalArgumentException.class, () -> TaintState.of(5, 6));
    assertThrows(IllegalArgumentException.class, () -> TaintState.of(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> Segments.clean(-1));
  }
}
