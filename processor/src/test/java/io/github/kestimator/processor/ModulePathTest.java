package io.github.kestimator.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model class in a named module, compiled against the library's module descriptors (the tests
 * themselves run on the class path): what the runtime exports is enough for generated code and for
 * the code using it, and {@code @Generated} is written only where module java.compiler is read.
 */
class ModulePathTest {
  private static final String TRAINING =
      String.join(
          "\n",
          "package test;",
          "class Training {",
          "  SentimentEstimator estimator(java.nio.file.Path dir) { return SentimentEstimator.builder().modelDir(dir).build(); }",
          "  SentimentPredictions predict(java.nio.file.Path export) {",
          "    return SentimentPredictor.load(export).predict(new SentimentFeatures(new int[100]));",
          "  }",
          "  String summary() { return SentimentEstimator.modelSummary(); }",
          "}");

  @TempDir Path dir;

  /**
   * The class path entries of the given modules and of every module they require, found by their
   * descriptors.
   */
  private static List<String> modulePath(String... roots) {
    Map<String, ModuleReference> byName = new HashMap<>();
    Map<String, String> entryOf = new HashMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      try {
        for (ModuleReference m : ModuleFinder.of(Path.of(entry)).findAll()) {
          byName.putIfAbsent(m.descriptor().name(), m);
          entryOf.putIfAbsent(m.descriptor().name(), entry);
        }
      } catch (FindException e) {
        // not a module of any kind (e.g. a jar whose derived module name is invalid): nothing here
        // requires it
      }
    }
    Set<String> needed = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(roots));
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (byName.containsKey(name) && needed.add(name)) {
        byName.get(name).descriptor().requires().stream()
            .map(ModuleDescriptor.Requires::name)
            .forEach(todo::push);
      }
    }
    assertTrue(needed.containsAll(List.of(roots)), "on the class path: " + byName.keySet());
    return needed.stream().map(entryOf::get).toList();
  }

  /**
   * Compiles {@code module-info.java}, the seed model and code using it with the processor; returns
   * javac's output.
   */
  private String compile(String moduleInfo, Path out, String... moreOptions) throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("test"));
    Files.writeString(src.resolve("module-info.java"), moduleInfo);
    Files.writeString(
        src.resolve("test/Sentiment.java"),
        Models.source("Sentiment", Models.SENTIMENT).getCharContent(true));
    Files.writeString(src.resolve("test/Training.java"), TRAINING);
    Files.createDirectories(out);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter log = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      List<String> options =
          new ArrayList<>(
              List.of(
                  "-Xlint:all,-processing",
                  "-Werror",
                  "-d",
                  out.toString(),
                  "-s",
                  out.toString(),
                  "--module-path",
                  String.join(
                      File.pathSeparator,
                      modulePath(
                          "io.github.kestimator.runtime", "io.github.kestimator.annotations"))));
      options.addAll(List.of(moreOptions));
      JavaCompiler.CompilationTask task =
          javac.getTask(
              log,
              files,
              null,
              options,
              null,
              files.getJavaFileObjects(
                  src.resolve("module-info.java"),
                  src.resolve("test/Sentiment.java"),
                  src.resolve("test/Training.java")));
      task.setProcessors(List.of(new KerasModelProcessor()));
      assertTrue(task.call(), log.toString());
    }
    return log.toString();
  }

  @Test
  void generatedCodeCompilesInANamedModuleThatReadsOnlyTheRuntime() throws IOException {
    Path out = dir.resolve("out");
    assertEquals(
        "",
        compile(
            String.join(
                "\n",
                "module com.example.sentiment {",
                "  requires static io.github.kestimator.annotations;",
                "  requires io.github.kestimator.runtime;",
                "}"),
            out,
            "--add-modules",
            "java.compiler")); // in the module graph, but not read by this module
    assertTrue(Files.isRegularFile(out.resolve("test/SentimentBinding.class")));
    assertTrue(
        Files.isRegularFile(out.resolve("META-INF/kestimator/models/test.Sentiment.columns")));
    assertFalse(
        Files.readString(out.resolve("test/SentimentBinding.java")).contains("@Generated"),
        "the module does not read java.compiler");
  }

  @Test
  void aModuleReadingJavaCompilerGetsGeneratedAnnotations() throws IOException {
    Path out = dir.resolve("out");
    compile(
        String.join(
            "\n",
            "module com.example.sentiment {",
            "  requires static io.github.kestimator.annotations;",
            "  requires static java.compiler;",
            "  requires io.github.kestimator.runtime;",
            "}"),
        out);
    try (var s = Files.list(out.resolve("test"))) {
      List<Path> sources = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      assertEquals(7, sources.size(), sources.toString());
      for (Path p : sources) {
        assertTrue(
            Files.readString(p)
                .contains("@Generated(\"io.github.kestimator.processor.KerasModelProcessor\")"),
            p.toString());
      }
    }
  }
}
