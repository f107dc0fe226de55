package io.github.kestimator.keras.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.runtime.Example;
import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.RunConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keras 3's MLP with L2 kernel penalties (fixtures/keras3/parity/mlp_l2_*): the loss of the first
 * batch at the initial weights (binary cross-entropy plus {@code 0.01 * sum(w^2)} of both kernels)
 * is the loss Keras reported for its first step, and after 99 steps on the same batches the loss of
 * the 100th batch is still Keras'.
 */
class RegularizedParityTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"mlp_l2_adam", "mlp_l2_sgd_nesterov", "mlp_l2_rmsprop", "mlp_l2_adagrad"})
  void lossesFollowKeras(String name) throws IOException {
    KerasFixtures.ParityRun run =
        KerasFixtures.parity().stream()
            .filter(p -> p.name().equals(name))
            .findFirst()
            .orElseThrow();
    Npy.Array x = Npy.read(run.x(run.inputs().get(0)));
    Npy.Array y = Npy.read(run.y());
    Npy.Array losses = Npy.read(run.losses());
    int batch = run.batch();
    int features = x.rowSize() / batch;
    List<List<Example<Map<String, Object>, Map<String, Object>>>> batches = new ArrayList<>();
    for (int s = 0; s < run.steps(); s++) {
      List<Example<Map<String, Object>, Map<String, Object>>> b = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        int at = (s * batch + i) * features;
        b.add(
            Example.of(
                Map.of(
                    run.inputs().get(0),
                    java.util.Arrays.copyOfRange(x.floats(), at, at + features)),
                Map.of(run.output(), new float[] {y.floats()[s * batch + i]})));
      }
      batches.add(b);
    }
    KerasEstimator e =
        KerasEstimator.fromKeras(
            run.initial(), RunConfig.builder().modelDir(tmp.resolve(name)).randomSeed(1).build());
    double first = e.evaluate(Input.of(batches.get(0)).batch(batch), 1).get("loss");
    System.out.printf("%s: step 1 loss %.8f, Keras %.8f%n", name, first, losses.floats()[0]);
    assertEquals(losses.floats()[0], first, 1e-5 * losses.floats()[0], "step 1");
    int last = run.steps() - 1;
    List<Example<Map<String, Object>, Map<String, Object>>> all = new ArrayList<>();
    batches.subList(0, last).forEach(all::addAll);
    assertEquals(last, e.train(Input.of(all).batch(batch), last));
    double after = e.evaluate(Input.of(batches.get(last)).batch(batch), 1).get("loss");
    System.out.printf(
        "%s: step %d loss %.8f, Keras %.8f%n", name, run.steps(), after, losses.floats()[last]);
    assertEquals(losses.floats()[last], after, 2e-5 * losses.floats()[last], "step " + run.steps());
  }
}
