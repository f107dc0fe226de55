package io.github.kestimator.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * How long javac takes to process and compile 200 valid model classes (and the 1,400 types
 * generated for them) in one compilation, after a warm-up compilation of as many. Not a unit test:
 * run it by hand and compare numbers on the same machine.
 *
 * <pre>
 * mvn -o -q -pl processor test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.kestimator.processor.ProcessorBenchmark
 * </pre>
 *
 * It prints one line: {@code BENCH processor classes=200 millis=<n>}.
 */
public final class ProcessorBenchmark {
  private static final int CLASSES = 200;

  private ProcessorBenchmark() {}

  public static void main(String[] args) {
    List<File> classpath = classpath();
    compile(classpath, models("Warm", CLASSES));
    List<JavaFileObject> models = models("Bench", CLASSES);
    long start = System.nanoTime();
    compile(classpath, models);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("BENCH processor classes=" + CLASSES + " millis=" + millis);
  }

  private static void compile(List<File> classpath, List<JavaFileObject> sources) {
    // A processor instance serves one compilation only.
    Compilation c =
        javac().withProcessors(new KerasModelProcessor()).withClasspath(classpath).compile(sources);
    if (c.status() != Compilation.Status.SUCCESS) {
      throw new IllegalStateException("benchmark models did not compile: " + c.errors());
    }
  }

  /** Valid models of three families (dense, recurrent, convolutional), varied in size. */
  static List<JavaFileObject> models(String prefix, int count) {
    List<JavaFileObject> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = prefix + i;
      int units = 8 + i % 5 * 8;
      String[] body =
          switch (i % 3) {
            case 0 ->
                new String[] {
                  "@KerasModel @Compile(loss = BINARY_CROSSENTROPY, metrics = {Metric.ACCURACY, Metric.AUC})",
                  "class " + name + " {",
                  "  @Dense(units = "
                      + units
                      + ", activation = RELU, inputShape = "
                      + (4 + i)
                      + ") Layer hidden;",
                  "  @Dropout(rate = 0.25) Layer dropout;",
                  "  @Dense(units = " + units / 2 + ", activation = RELU) Layer hidden2;",
                  "  @Dense(units = 1, activation = SIGMOID) Layer score;",
                  "}"
                };
            case 1 ->
                new String[] {
                  "@KerasModel @Compile(optimizer = @Optimizer(value = ADAM, learningRate = 1e-3),",
                  "    loss = SPARSE_CATEGORICAL_CROSSENTROPY, metrics = Metric.ACCURACY)",
                  "class " + name + " {",
                  "  @Embedding(inputDim = 10_000, outputDim = "
                      + units
                      + ", inputLength = "
                      + (20 + i)
                      + ") Layer words;",
                  "  @Bidirectional @LSTM(units = " + units + ") Layer lstm;",
                  "  @Dense(units = 5, activation = SOFTMAX) Layer topic;",
                  "}"
                };
            default ->
                new String[] {
                  "@KerasModel @Compile(loss = CATEGORICAL_CROSSENTROPY, metrics = Metric.ACCURACY)",
                  "class " + name + " {",
                  "  @Input(shape = {28, 28, 1}) Layer image;",
                  "  @Input(shape = 3) Layer meta;",
                  "  @Conv2D(filters = "
                      + units
                      + ", kernelSize = 3, activation = RELU, from = \"image\") Layer conv;",
                  "  @MaxPooling2D Layer pool;",
                  "  @Flatten Layer flat;",
                  "  @Concatenate(from = {\"flat\", \"meta\"}) Layer joined;",
                  "  @Dense(units = 10, activation = SOFTMAX) Layer digit;",
                  "}"
                };
          };
      out.add(Models.source(name, body));
    }
    return out;
  }

  /**
   * The class path this JVM runs with; under exec:java that is the context class loader's, not
   * java.class.path.
   */
  private static List<File> classpath() {
    List<File> files = new ArrayList<>();
    if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader) {
      for (URL url : loader.getURLs()) {
        try {
          files.add(new File(url.toURI()));
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException(url.toString(), e);
        }
      }
    }
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      files.add(new File(entry));
    }
    return files;
  }
}
