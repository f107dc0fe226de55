package io.github.kestimator.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Trains a {@link RawGraphs} graph with a plain session loop: one run per batch, feeding tensors.
 */
final class RawTrainee implements Harness.Trainee {
  private final Data data;
  private final RawGraphs.TrainGraph model;
  private final Session session;

  RawTrainee(Data data, ConfigProto config) {
    this.data = data;
    this.model = RawGraphs.build(data.workload);
    this.session = new Session(model.graph(), config);
    session.initialize();
  }

  @Override
  public double warmUp(int steps) {
    double first = Double.NaN;
    for (int b = 0; b < steps; b++) {
      double loss = step(b);
      if (b == 0) {
        first = loss;
      }
    }
    return first;
  }

  /** The mean of the epoch's step losses, as Keras reports an epoch's loss. */
  @Override
  public double epoch() {
    double sum = 0;
    int steps = data.stepsPerEpoch();
    for (int b = 0; b < steps; b++) {
      sum += step(b);
    }
    return sum / steps;
  }

  @Override
  public double evaluatedLoss() {
    double sum = 0;
    int steps = data.stepsPerEpoch();
    for (int b = 0; b < steps; b++) {
      try (Tensor x = data.features(b);
          Tensor y = data.labels(b);
          Result r =
              session
                  .runner()
                  .feed(RawGraphs.FEATURES, x)
                  .feed(RawGraphs.LABELS, y)
                  .fetch(model.evalLoss())
                  .run()) {
        sum += ((TFloat32) r.get(0)).getFloat();
      }
    }
    return sum / steps;
  }

  private double step(int batch) {
    try (Tensor x = data.features(batch);
        Tensor y = data.labels(batch);
        Result r =
            session
                .runner()
                .feed(RawGraphs.FEATURES, x)
                .feed(RawGraphs.LABELS, y)
                .addTarget(model.train())
                .fetch(model.loss())
                .run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  /**
   * Writes a SavedModel whose serving_default signature maps {@code inputName} to {@code
   * outputName} (the prediction without dropout), as the generated estimator names them.
   */
  void exportSavedModel(Path dir, String inputName, String outputName) throws IOException {
    SavedModelBundle.exporter(dir.toString())
        .withSession(session)
        .withSignature(
            Signature.builder()
                .key(Signature.DEFAULT_KEY)
                .input(inputName, model.features())
                .output(outputName, model.prediction())
                .build())
        .export();
  }

  @Override
  public void close() {
    session.close();
    model.graph().close();
  }
}
