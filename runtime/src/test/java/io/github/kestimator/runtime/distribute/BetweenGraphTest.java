package io.github.kestimator.runtime.distribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.Activation;
import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.Constraint;
import io.github.kestimator.model.ConstraintType;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.runtime.graph.Mode;
import io.github.kestimator.runtime.graph.Placement;
import io.github.kestimator.runtime.input.HostBatch;
import io.github.kestimator.runtime.input.Slot;
import io.github.kestimator.runtime.session.ModelSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

/**
 * Between-graph replication on TensorFlow's gRPC runtime: two tasks build their own graph of the
 * same model, and the ref variables on the ps tasks are one set, shared by name.
 */
class BetweenGraphTest {
  @Test
  void twoTasksGraphsShareTheVariablesOnThePsTasks() throws Exception {
    Model m =
        ModelAnalyzer.analyze(
                new ModelSpec(
                    "Two",
                    List.of(
                        LayerSpec.of(
                            "hidden",
                            LayerKind.DENSE,
                            Map.of(
                                "units",
                                8,
                                "activation",
                                Activation.RELU,
                                "inputShape",
                                List.of(4),
                                "kernelConstraint",
                                Constraint.of(ConstraintType.UNIT_NORM))),
                        LayerSpec.of(
                            "score",
                            LayerKind.DENSE,
                            Map.of("units", 1, "activation", Activation.SIGMOID))),
                    new CompileSpec(
                        new OptimizerSpec(OptimizerType.ADAM, Map.of("learningRate", 0.01)),
                        Loss.BINARY_CROSSENTROPY,
                        false,
                        List.of())))
            .orThrow();
    String cluster =
        "{\"cluster\": {\"chief\": [\"localhost:"
            + RemoteSessionsTest.freePort()
            + "\"], \"worker\": [\"localhost:"
            + RemoteSessionsTest.freePort()
            + "\"], \"ps\": [\"localhost:"
            + RemoteSessionsTest.freePort()
            + "\", \"localhost:"
            + RemoteSessionsTest.freePort()
            + "\"]}, \"task\": ";
    TfConfig chief = TfConfig.parse(cluster + "{\"type\": \"chief\", \"index\": 0}}");
    TfConfig worker = TfConfig.parse(cluster + "{\"type\": \"worker\", \"index\": 0}}");
    for (String task :
        List.of("{\"type\": \"ps\", \"index\": 0}}", "{\"type\": \"ps\", \"index\": 1}}")) {
      ClusterServers.start(TfConfig.parse(cluster + task));
    }
    ClusterServers.start(chief);
    ClusterServers.start(worker);

    Placement onChief = Placement.replicas(m, "chief", 0, 2);
    // Largest first onto the least loaded: hidden/kernel (32) onto ps 1 (ps 0 holds global_step),
    // then
    // hidden/bias (8), score/kernel (8) and score/bias (1) onto ps 0.
    assertEquals("/job:ps/task:1", onChief.variable("hidden/kernel").toString());
    assertEquals("/job:ps/task:0", onChief.variable("hidden/bias").toString());
    assertEquals("/job:ps/task:0", onChief.variable("score/bias").toString());
    assertEquals("/job:ps/task:0", onChief.variable("global_step").toString());

    HostBatch batch =
        new HostBatch(
            2,
            Slot.features(m),
            new Object[] {new float[] {1, 0, 0, 1, 0, 1, 1, 0}},
            Slot.labels(m),
            new Object[] {new float[] {1, 0}});
    try (ModelSession c = open(m, chief, onChief);
        ModelSession w = open(m, worker, Placement.replicas(m, "worker", 0, 2))) {
      c.initialize();
      assertEquals(0, w.globalStep(), "the worker reads what the chief initialized");
      for (int i = 1; i <= 5; i++) {
        assertEquals(i, w.trainStep(batch).globalStep());
      }
      assertEquals(5, c.globalStep());
      assertEquals(6, c.trainStep(batch).globalStep());
      // Adam's slots live on ps next to their weights: both tasks see one and the same first
      // moment.
      assertEquals(readFloat(c, "hidden/kernel_m"), readFloat(w, "hidden/kernel_m"));
      assertTrue(readFloat(w, "hidden/kernel_m") != 0);
      // The train op's constraint assignment ran on the kernel that lives on ps: unit columns.
      float[] kernel = readAll(w, "hidden/kernel");
      for (int col = 0; col < 8; col++) {
        double norm = 0;
        for (int row = 0; row < 4; row++) {
          norm += kernel[row * 8 + col] * kernel[row * 8 + col];
        }
        assertEquals(1, Math.sqrt(norm), 1e-5, "column " + col);
      }
      assertEquals(
          java.util.Arrays.toString(kernel),
          java.util.Arrays.toString(readAll(c, "hidden/kernel")));
    }
  }

  private static ModelSession open(Model m, TfConfig task, Placement placement) {
    return ModelSession.openRemote(
        m,
        Mode.TRAIN,
        1,
        placement,
        ClusterServers.target(task),
        ClusterServers.sessionConfig(task, ConfigProto.getDefaultInstance()));
  }

  private static float[] readAll(ModelSession s, String variable) {
    try (var r = s.session().runner().fetch(variable).run()) {
      var t = (org.tensorflow.types.TFloat32) r.get(0);
      float[] v = new float[(int) t.size()];
      t.asRawTensor().data().asFloats().read(v);
      return v;
    }
  }

  private static float readFloat(ModelSession s, String variable) {
    try (var r = s.session().runner().fetch(variable).run()) {
      return ((org.tensorflow.types.TFloat32) r.get(0)).getFloat(0, 0);
    }
  }
}
