package io.github.kestimator.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.keras.testing.KerasFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Keras 3 activation_layers fixture becomes a class of @LeakyReLU, @PReLU, @ELU, @ReLU, @Softmax that compiles. */
class ActivationLayersSourceTest {
  @TempDir Path project;

  @Test
  void kerasActivationLayersBecomeTheirAnnotations() throws IOException, KestimatorException {
    Path keras = Files.createDirectories(project.resolve("src/main/keras"));
    Files.copy(KerasFixtures.model("activation_layers").h5(), keras.resolve("activation_layers.h5"));
    BuildLog quiet = new BuildLog() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {}
    };
    GenerateService.Result r = new GenerateService(quiet).generate(new GenerateRequest(
        new ModelSettings(keras, project, "com.example", CompileOptions.NONE, List.of()),
        project.resolve("target/generated-sources/kestimator"), project.resolve("target/generated-resources/kestimator"),
        project.resolve("target/kestimator/generate.cache"), "1.0"));
    assertEquals(1, r.written().size());
    String source = Files.readString(r.written().get(0));
    for (String layer : List.of("@LeakyReLU(negativeSlope = 0.2) Layer leaky_re_lu;", "@PReLU Layer p_re_lu;",
        "@ELU(alpha = 0.7) Layer elu;", "@ReLU Layer re_lu;", "@ReLU(maxValue = 1.0) Layer re_lu_1;", "@Softmax Layer softmax;")) {
      assertTrue(source.contains(layer), layer + " in\n" + source);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      Path classes = Files.createDirectories(project.resolve("target/classes"));
      boolean ok = javac.getTask(null, files, diagnostics, List.of("-Xlint:all", "-Werror", "-proc:none", "-d", classes.toString(),
          "-classpath", System.getProperty("java.class.path")), null, files.getJavaFileObjectsFromPaths(r.written())).call();
      assertTrue(ok, diagnostics.getDiagnostics().stream().map(Object::toString).collect(Collectors.joining("\n")));
    }
  }
}
