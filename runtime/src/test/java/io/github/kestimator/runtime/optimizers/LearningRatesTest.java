package io.github.kestimator.runtime.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kestimator.model.LearningRateSchedule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Each Keras 3 schedule at several steps, as a graph (float32) and as {@link
 * LearningRateSchedule#at} (double), against the values Keras 3.15.1 computed: {@code
 * keras.optimizers.schedules.<Class>(...)(step)} run in the fixtures' venv (TensorFlow 2.21
 * backend), e.g. {@code ExponentialDecay(0.1, 10, 0.5)(7)}.
 */
class LearningRatesTest {
  static final double[] STEPS = {0, 1, 7, 10, 25, 100, 250, 1000};

  /** Keras' values at {@link #STEPS}, initial learning rate 0.1 (cosineWarmup: 0). */
  static final Map<String, double[]> KERAS =
      Map.of(
          "exponential",
              new double[] {
                0.10000000149011612,
                0.09330330044031143,
                0.06155722215771675,
                0.05000000074505806,
                0.01767767034471035,
                9.765625145519152e-05,
                2.9802322831784522e-09,
                7.888609169759553e-32
              },
          "exponentialStaircase",
              new double[] {
                0.10000000149011612,
                0.10000000149011612,
                0.10000000149011612,
                0.05000000074505806,
                0.02500000037252903,
                9.765625145519152e-05,
                2.9802322831784522e-09,
                7.888609169759553e-32
              },
          "inverseTime",
              new double[] {
                0.10000000149011612,
                0.0952381044626236,
                0.07407407462596893,
                0.06666667014360428,
                0.04444444552063942,
                0.01666666753590107,
                0.007407407741993666,
                0.0019607844296842813
              },
          "inverseTimeStaircase",
              new double[] {
                0.10000000149011612,
                0.10000000149011612,
                0.10000000149011612,
                0.06666667014360428,
                0.05000000074505806,
                0.01666666753590107,
                0.007407407741993666,
                0.0019607844296842813
              },
          "piecewise",
              new double[] {
                0.10000000149011612,
                0.10000000149011612,
                0.10000000149011612,
                0.10000000149011612,
                0.05000000074505806,
                0.05000000074505806,
                0.009999999776482582,
                0.009999999776482582
              },
          "polynomial",
              new double[] {
                0.10000000149011612,
                0.09802990406751633,
                0.0866250991821289,
                0.08118999749422073,
                0.05668749660253525,
                0.0010000000474974513,
                0.0010000000474974513,
                0.0010000000474974513
              },
          "polynomialCycle",
              new double[] {
                0.10000000149011612,
                0.09950375556945801,
                0.09647214412689209,
                0.09491964429616928,
                0.0867365151643753,
                0.0010000000474974513,
                0.041416581720113754,
                0.0010000000474974513
              },
          "cosine",
              new double[] {
                0.10000000149011612,
                0.09997779130935669,
                0.09891625493764877,
                0.09779754281044006,
                0.08681981265544891,
                0.010000000707805157,
                0.010000000707805157,
                0.010000000707805157
              },
          "cosineWarmup",
              new double[] {
                0.0,
                0.010000000707805157,
                0.07000000029802322,
                0.10000000149011612,
                0.09455032646656036,
                0.0024471760261803865,
                0.0,
                0.0
              });

  static final Map<String, LearningRateSchedule> SCHEDULES =
      Map.of(
          "exponential", LearningRateSchedule.exponentialDecay(10, 0.5, false),
          "exponentialStaircase", LearningRateSchedule.exponentialDecay(10, 0.5, true),
          "inverseTime", LearningRateSchedule.inverseTimeDecay(10, 0.5, false),
          "inverseTimeStaircase", LearningRateSchedule.inverseTimeDecay(10, 0.5, true),
          "piecewise",
              LearningRateSchedule.piecewiseConstantDecay(
                  List.of(10.0, 100.0), List.of(0.1, 0.05, 0.01)),
          "polynomial", LearningRateSchedule.polynomialDecay(100, 0.001, 2, false),
          "polynomialCycle", LearningRateSchedule.polynomialDecay(100, 0.001, 0.5, true),
          "cosine", LearningRateSchedule.cosineDecay(100, 0.1, -1, 0),
          "cosineWarmup", LearningRateSchedule.cosineDecay(100, 0, 0.1, 10));

  @Test
  void everyScheduleComputesWhatKerasComputes() {
    for (var e : SCHEDULES.entrySet()) {
      String name = e.getKey();
      double initial = name.equals("cosineWarmup") ? 0 : 0.1;
      double[] want = KERAS.get(name);
      for (int i = 0; i < STEPS.length; i++) {
        double tol = 1e-6 * Math.abs(want[i]) + 1e-9;
        assertEquals(
            want[i],
            e.getValue().at(initial, STEPS[i]),
            tol,
            name + " at step " + STEPS[i] + " (Java)");
        assertEquals(
            want[i],
            graph(e.getValue(), initial, STEPS[i]),
            tol,
            name + " at step " + STEPS[i] + " (graph)");
      }
    }
  }

  static double graph(LearningRateSchedule schedule, double initial, double step) {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      try (Result r =
          s.runner()
              .fetch(LearningRates.schedule(tf, schedule, initial, tf.constant((float) step)))
              .run()) {
        return ((TFloat32) r.get(0)).getFloat();
      }
    }
  }
}
