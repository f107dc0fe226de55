package io.github.kestimator.keras.estimator;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.kestimator.keras.testing.ChildJvmCases;
import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.keras.testing.KerasFixtures.ModelFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every committed Keras 3 fixture ({@code fixtures/keras3}) in every format it was saved in ({@code
 * .keras}, legacy {@code .h5}, {@code to_json()} + {@code model.weights.h5}) predicts what Keras
 * predicted, within {@value #TOLERANCE} relative, through {@link KerasEstimator} and through its
 * exported SavedModel, then trains two steps (or refuses to, naming the training setting it cannot
 * use: {@link #TRAINING_REFUSED}); or, for a model kind not supported yet, is refused with the
 * message listed in {@link #REFUSED}. The cases run in child JVMs ({@link FixturePrediction}): a
 * native crash fails its case, names it, and the remaining cases run on in a new child.
 */
class KerasFixturesTest {
  static final double TOLERANCE = KerasFixtures.TOLERANCE;

  /**
   * Fixtures (or {@code fixture:format} cases) refused today, with a part of the message they must
   * give.
   */
  static final Map<String, String> REFUSED = Map.of();

  /**
   * Fixtures with an input of unknown sequence length ({@code Input((None,))}), and the maximum
   * length they are read with: their inputs' length. (unknown_length masks nothing, so a longer
   * maximum, padding the inputs, would change its output, as in Keras.)
   */
  static final Map<String, Integer> MAX_SEQUENCE_LENGTH = Map.of("unknown_length", 9);

  /**
   * Fixtures that predict but whose training settings kestimator cannot train with, and the message
   * training gives.
   */
  static final Map<String, String> TRAINING_REFUSED =
      Map.of(); // functional_outputs trains since losses per output are supported

  static final List<String> FORMATS = List.of("keras", "h5", "json");

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyFixtureInEveryFormat() throws Exception {
    List<String> cases = new ArrayList<>();
    for (ModelFixture f : KerasFixtures.models()) {
      FORMATS.forEach(format -> cases.add(f.name() + ":" + format));
    }
    Map<String, String> results = runInChildJvms(cases);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c, () -> check(c, results.get(c))));
  }

  static void check(String c, String result) {
    String refused = REFUSED.getOrDefault(c, REFUSED.get(c.substring(0, c.indexOf(':'))));
    if (result.startsWith("ok ")) {
      String[] d = result.split(" ", 4);
      double estimator = Double.parseDouble(d[1]);
      double served = Double.parseDouble(d[2]);
      String training = d[3];
      System.out.printf(
          "%-28s estimator %.3g  SavedModel %.3g  (largest relative difference to Keras); %s%n",
          c, estimator, served, training.startsWith("trained") ? training : "training refused");
      if (refused != null) {
        fail(
            c
                + " now predicts (difference "
                + estimator
                + "): take it off KerasFixturesTest.REFUSED");
      }
      assertTrue(
          estimator <= TOLERANCE,
          c + ": estimator's largest relative difference to Keras " + estimator);
      assertTrue(
          served <= TOLERANCE, c + ": SavedModel's largest relative difference to Keras " + served);
      String trainingRefused = TRAINING_REFUSED.get(c.substring(0, c.indexOf(':')));
      if (trainingRefused == null) {
        assertTrue(training.startsWith("trained"), c + ": " + training);
      } else {
        assertTrue(
            training.startsWith("train-refused") && training.contains(trainingRefused),
            c
                + ": expected training to"
                + " be refused with \""
                + trainingRefused
                + "\", got "
                + training);
      }
    } else if (refused != null && result.startsWith("error ")) {
      assertTrue(
          result.contains(refused),
          c + ": expected a refusal containing \"" + refused + "\", got " + result);
    } else {
      fail(c + ": " + result);
    }
  }

  /**
   * Runs the cases in child JVMs ({@link ChildJvmCases}), a new child after each crash; each case's
   * result line, or its crash.
   */
  Map<String, String> runInChildJvms(List<String> cases) throws IOException, InterruptedException {
    return ChildJvmCases.run(FixturePrediction.class, List.of(tmp.toString()), cases, tmp);
  }
}
