package io.github.kestimator.runtime.distribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.runtime.distribute.TfConfig.TaskType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TfConfigTest {
  static final String CLUSTER =
      "{\"chief\": [\"localhost:2222\"], \"worker\": [\"localhost:2223\", \"localhost:2224\"],"
          + " \"ps\": [\"localhost:2225\"]}";

  @Test
  void readsTheClusterAndTheTask() {
    TfConfig c =
        TfConfig.parse(
            "{\"cluster\": " + CLUSTER + ", \"task\": {\"type\": \"worker\", \"index\": 1}}");
    assertTrue(c.isDistributed());
    assertEquals(TaskType.WORKER, c.taskType());
    assertEquals(1, c.taskIndex());
    assertEquals("localhost:2224", c.address());
    assertEquals(List.of("localhost:2225"), c.cluster().get("ps"));
    assertEquals(2, c.count("worker"));
  }

  @Test
  void evaluatorRunsOutsideTheCluster() {
    TfConfig c =
        TfConfig.parse(
            "{\"cluster\": " + CLUSTER + ", \"task\": {\"type\": \"evaluator\", \"index\": 0}}");
    assertEquals(TaskType.EVALUATOR, c.taskType());
  }

  @Test
  void missingOrEmptyMeansLocal() {
    assertFalse(TfConfig.parse(null).isDistributed());
    assertFalse(TfConfig.parse("  ").isDistributed());
    assertFalse(TfConfig.parse("{}").isDistributed());
  }

  @Test
  void malformedConfigsQuoteTheOffendingPart() {
    assertMessage(
        "{\"cluster\": {\"chief\": [\"localhost:1\"]}, \"task\": {\"type\": \"boss\"}}",
        "\"boss\"");
    assertMessage(
        "{\"cluster\": {\"chief\": [\"localhost:1\"]}, \"task\": {\"type\": \"worker\", \"index\": 0}}",
        "{\"type\": \"worker\", \"index\": 0} is not in the cluster");
    assertMessage(
        "{\"cluster\": {\"chief\": [\"localhost\"]}, \"task\": {\"type\": \"chief\"}}",
        "\"host:port\"");
    assertMessage("{\"cluster\": {\"evaluator\": [\"localhost:1\"]}}", "outside the cluster");
    assertMessage("{\"cluster\": {\"chief\": [\"localhost:1\"], }", "not valid JSON");
    assertMessage(
        "{\"cluster\": {\"worker\": [\"localhost:1\"]}, \"task\": {\"type\": \"worker\"}}",
        "needs a \"chief\"");
    assertMessage(
        "{\"cluster\": {\"chief\": [\"localhost:1\"]}, \"task\": {\"type\": \"chief\", \"index\": -1}}",
        "-1");
  }

  private static void assertMessage(String json, String expected) {
    var e = assertThrows(IllegalArgumentException.class, () -> TfConfig.parse(json));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
