package io.github.kestimator.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * The compiler set-up every processor test shares: javac with the processor, all lint warnings as
 * errors (generated code must be warning-free), and model sources in package {@code test} with the
 * annotations and their enum constants imported.
 */
final class Models {
  static final String PACKAGE = "test";
  private static final List<String> IMPORTS =
      List.of(
          "import io.github.kestimator.annotations.*;",
          "import static io.github.kestimator.annotations.Activation.*;",
          "import static io.github.kestimator.annotations.DType.*;",
          "import static io.github.kestimator.annotations.Loss.*;",
          "import static io.github.kestimator.annotations.OptimizerType.*;");

  /** The seed model of the architecture page. */
  static final String[] SENTIMENT = {
    "@KerasModel",
    "@Compile(optimizer = @Optimizer(value = ADAM, learningRate = 1e-3),",
    "    loss = BINARY_CROSSENTROPY, metrics = {Metric.ACCURACY, Metric.AUC})",
    "class Sentiment {",
    "  @Embedding(inputDim = 10_000, outputDim = 64, inputLength = 100) Layer words;",
    "  @LSTM(units = 64) Layer lstm;",
    "  @Dropout(rate = 0.5) Layer dropout;",
    "  @Dense(units = 1, activation = SIGMOID) Layer score;",
    "}"
  };

  private Models() {}

  /** A source file {@code test/<name>.java}: the package, the imports, then {@code lines}. */
  static JavaFileObject source(String name, String... lines) {
    List<String> all = new ArrayList<>();
    all.add("package " + PACKAGE + ";");
    all.addAll(IMPORTS);
    all.addAll(List.of(lines));
    return JavaFileObjects.forSourceLines(PACKAGE + "." + name, all.toArray(String[]::new));
  }

  static Compilation compile(JavaFileObject... sources) {
    // -processing: javac's lint warns that no processor claims @Dense etc.; that is about the
    // user's annotations, not the generated code, and the build's own compiler setting drops it
    // too.
    return javac()
        .withProcessors(new KerasModelProcessor())
        .withOptions("-Xlint:all,-processing", "-Werror")
        .compile(sources);
  }
}
