package io.github.kestimator.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.kestimator.keras.testing.ChildJvmCases;
import io.github.kestimator.keras.testing.KerasFixtures;
import io.github.kestimator.keras.testing.KerasFixtures.ModelFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every committed Keras 3 fixture through the path a Maven user takes: {@code generate} over a
 * {@code src/main/keras} holding each model of {@code fixtures/keras3/models} in each format
 * ({@code .keras}, {@code .h5}, and {@code to_json()} with its {@code .weights.h5} beside it) and
 * each {@code fixtures/keras3/preprocessing} archive, then javac with kestimator's annotation
 * processor, then each generated typed estimator ({@code
 * <Class>Estimator.builder().modelDir(dir).build()}, warm-started from the weights resource {@code
 * generate} wrote) predicts the fixture's inputs as {@code <Class>Features} records; every {@code
 * <Class>Predictions} component must hold what Keras predicted within {@link
 * KerasFixtures#TOLERANCE} relative.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedEstimatorFixturesTest {
  /** Sequence lengths the files leave unknown: those Keras saw, by copied file name. */
  static final Map<String, Integer> MAX_SEQUENCE_LENGTH =
      Map.of(
          "unknown_length_keras.keras", 9,
          "unknown_length_h5.h5", 9,
          "unknown_length_json.json", 9,
          "pre_text_int_no_length.keras", 11);

  @TempDir static Path project;

  /** Class name to the fixture it came from: a model fixture, or preprocessing/<name>. */
  final Map<String, String> fixtures = new LinkedHashMap<>();

  Path classes;

  @BeforeAll
  void generateAndCompile() throws IOException, KestimatorException {
    Path keras = Files.createDirectories(project.resolve("src/main/keras"));
    for (ModelFixture f : KerasFixtures.models()) {
      copy(f.keras(), keras.resolve(f.name() + "_keras.keras"), f.name());
      copy(f.h5(), keras.resolve(f.name() + "_h5.h5"), f.name());
      copy(f.json(), keras.resolve(f.name() + "_json.json"), f.name());
      Files.copy(f.weights(), keras.resolve(f.name() + "_json.weights.h5"));
    }
    Path preprocessing = KerasFixtures.root().resolve("preprocessing");
    try (Stream<Path> dirs = Files.list(preprocessing)) {
      for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
        String name = d.getFileName().toString();
        copy(
            d.resolve("model.keras"),
            keras.resolve("pre_" + name + ".keras"),
            "preprocessing/" + name);
      }
    }
    List<ModelSettings.ModelOverride> overrides = new ArrayList<>();
    MAX_SEQUENCE_LENGTH.forEach(
        (file, n) -> overrides.add(new ModelSettings.ModelOverride(file, null, null, n)));
    List<String> log = new ArrayList<>();
    GenerateService.Result r =
        new GenerateService(TestBuilds.collecting(log))
            .generate(
                new GenerateRequest(
                    new ModelSettings(
                        keras, project, "com.example", CompileOptions.NONE, overrides),
                    project.resolve("target/generated-sources/kestimator"),
                    resources(),
                    project.resolve("target/kestimator/generate.cache"),
                    "1.0"));
    assertEquals(fixtures.size(), r.written().size(), log.toString());
    assertEquals(
        fixtures.size(),
        r.weights().size(),
        "every file, the .json configs too, gives a weights resource: " + r.weights());
    classes = project.resolve("target/classes");
    TestBuilds.javac(r.written(), classes, project.resolve("target/generated-sources/annotations"));
  }

  Path resources() {
    return project.resolve("target/generated-resources/kestimator");
  }

  private void copy(Path from, Path to, String fixture) throws IOException {
    Files.copy(from, to);
    fixtures.put(KerasModels.className(to), fixture);
  }

  @TestFactory
  Stream<DynamicTest> everyGeneratedEstimatorPredictsWhatKerasPredicted() throws Exception {
    assertTrue(fixtures.size() >= 19 * 3 + 16, fixtures.toString());
    List<String> cases = new ArrayList<>();
    fixtures.forEach((cls, fixture) -> cases.add(cls + "=" + fixture));
    Path work = Files.createDirectories(project.resolve("target/child"));
    Map<String, String> results =
        ChildJvmCases.run(
            GeneratedEstimatorRun.class,
            List.of(
                classes.toString(), resources().toString(), project.resolve("model").toString()),
            cases,
            work);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c, () -> check(c, results.get(c))));
  }

  static void check(String c, String result) {
    if (!result.startsWith("ok ")) {
      fail(c + ": " + result);
    }
    double max = Double.parseDouble(result.substring(3));
    System.out.printf(
        "%-60s generated estimator %.3g (largest relative difference to Keras)%n", c, max);
    assertTrue(max <= KerasFixtures.TOLERANCE, c + ": largest relative difference to Keras " + max);
  }
}
