package io.github.kestimator.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.OptimizerType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Keras file's optimizer arguments are read against that optimizer's own parameters and ranges:
 * one kestimator cannot use is noted as unsupported for training, never an error that blocks
 * reading the file.
 */
class OptimizerConfigTest {
  private static KerasModel read(String optimizer) throws IOException {
    String json =
        "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [{\"class_name\": \"Dense\","
            + " \"config\": {\"name\": \"d\", \"units\": 1, \"batch_input_shape\": [null, 2]}}]},"
            + " \"compile_config\": {\"loss\": \"mse\", \"optimizer\": "
            + optimizer
            + "}}";
    Path f = Files.createTempFile("optimizer", ".json");
    try {
      Files.writeString(f, json);
      return KerasConfigReader.read(f);
    } finally {
      Files.delete(f);
    }
  }

  @Test
  void aLearningRateOfZeroIsNotedAndTheFileStillAnalyzes() throws IOException {
    KerasModel m =
        read("{\"class_name\": \"SGD\", \"config\": {\"learning_rate\": 0.0, \"momentum\": 0.5}}");
    assertEquals(OptimizerType.SGD, m.training().optimizer().type());
    assertEquals(Map.of("momentum", 0.5), m.training().optimizer().args());
    assertEquals(
        List.of("optimizer SGD: argument learning_rate=0.0 (learningRate must be > 0.0)"),
        m.training().unsupported());
    assertTrue(
        ModelAnalyzer.analyze(m.toSpec(m.compile())).ok(),
        "a prediction or an export needs no optimizer");
  }

  @Test
  void aClipNormOfZeroIsKerasNoClipping() throws IOException {
    KerasModel m =
        read(
            "{\"class_name\": \"Adam\", \"config\": {\"learning_rate\": 0.01, \"clipnorm\": 0.0,"
                + " \"clipvalue\": null, \"beta_1\": 0.5}}");
    assertEquals(Map.of("learningRate", 0.01, "beta1", 0.5), m.training().optimizer().args());
    assertEquals(List.of(), m.training().unsupported());
  }

  @Test
  void anArgumentTheOptimizerDoesNotTakeIsNoted() throws IOException {
    KerasModel m =
        read(
            "{\"class_name\": \"Adagrad\", \"config\": {\"learning_rate\": 0.01, \"beta_1\": 0.9}}");
    assertEquals(Map.of("learningRate", 0.01), m.training().optimizer().args());
    assertEquals(List.of("optimizer Adagrad: argument beta_1=0.9"), m.training().unsupported());
  }
}
