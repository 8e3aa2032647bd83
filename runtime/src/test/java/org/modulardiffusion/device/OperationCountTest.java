package org.modulardiffusion.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationCountTest {

  @Test
  void countsEachOperationCalledFromJavaOnce() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a = manager.create(new float[] {1, 2, 3});
      NDArray b = manager.create(new float[] {4, 5, 6});
      // add, mul, add: three operations, whatever each runs inside itself.
      OperationCount count = OperationCount.of(() -> a.add(b).mul(a).add(b));
      assertEquals(Map.of("aten::add", 2, "aten::mul", 1), count.byName());
      assertEquals(3, count.total());
    }
  }

  @Test
  void countsTheOutermostEventsOfEachThreadAndSkipsBackwardWrappers() {
    String trace =
        """
        [{"name": "aten::linear", "tid": "1", "ts": 0, "dur": 10},
         {"name": "aten::matmul", "tid": "1", "ts": 1, "dur": 5},
         {"name": "aten::add", "tid": "1", "ts": 12, "dur": 2},
         {"name": "autograd::engine::evaluate_function: MulBackward0", "tid": "2", "ts": 0, "dur": 9},
         {"name": "MulBackward0", "tid": "2", "ts": 1, "dur": 7},
         {"name": "aten::mul", "tid": "2", "ts": 2, "dur": 3}]
        """;
    OperationCount count = OperationCount.fromTrace(JsonParser.parseString(trace));
    assertEquals(Map.of("aten::linear", 1, "aten::add", 1, "MulBackward0", 1), count.byName());
    assertEquals(10, count.micros("aten::linear"));
    assertEquals(7, count.micros("MulBackward0"));
    assertEquals(0, count.micros("aten::matmul"));
  }

  @Test
  void theDifferenceOfTwoCountsKeepsWhatTheFirstHasMore() {
    String three =
        """
        [{"name": "aten::add", "tid": "1", "ts": 0, "dur": 1},
         {"name": "aten::add", "tid": "1", "ts": 2, "dur": 1},
         {"name": "aten::mul", "tid": "1", "ts": 4, "dur": 1}]
        """;
    String one = """
        [{"name": "aten::mul", "tid": "1", "ts": 0, "dur": 1}]
        """;
    OperationCount difference =
        OperationCount.fromTrace(JsonParser.parseString(three)).minus(OperationCount.fromTrace(JsonParser.parseString(one)));
    assertEquals(Map.of("aten::add", 2), difference.byName());
    assertEquals(2, difference.micros("aten::add"));
    assertEquals(2, difference.total());
  }
}
