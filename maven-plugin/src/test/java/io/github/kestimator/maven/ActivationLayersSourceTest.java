package io.github.kestimator.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.keras.testing.KerasFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Keras 3 activation_layers fixture becomes a class
 * of @LeakyReLU, @PReLU, @ELU, @ReLU, @Softmax that compiles.
 */
class ActivationLayersSourceTest {
  @TempDir Path project;

  @Test
  void kerasActivationLayersBecomeTheirAnnotations() throws IOException, KestimatorException {
    Path keras = Files.createDirectories(project.resolve("src/main/keras"));
    Files.copy(
        KerasFixtures.model("activation_layers").h5(), keras.resolve("activation_layers.h5"));
    BuildLog quiet = TestBuilds.collecting(new ArrayList<>());
    GenerateService.Result r =
        new GenerateService(quiet)
            .generate(
                new GenerateRequest(
                    new ModelSettings(
                        keras, project, "com.example", CompileOptions.NONE, List.of()),
                    project.resolve("target/generated-sources/kestimator"),
                    project.resolve("target/generated-resources/kestimator"),
                    project.resolve("target/kestimator/generate.cache"),
                    "1.0"));
    assertEquals(1, r.written().size());
    String source = Files.readString(r.written().get(0));
    for (String layer :
        List.of(
            "@LeakyReLU(negativeSlope = 0.2) Layer leaky_re_lu;",
            "@PReLU Layer p_re_lu;",
            "@ELU(alpha = 0.7) Layer elu;",
            "@ReLU Layer re_lu;",
            "@ReLU(maxValue = 1.0) Layer re_lu_1;",
            "@Softmax Layer softmax;")) {
      assertTrue(source.contains(layer), layer + " in\n" + source);
    }
    TestBuilds.javac(r.written(), project.resolve("target/classes"), null);
  }
}
