package io.github.kestimator.maven;

import io.github.kestimator.model.DType;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Names;
import io.github.kestimator.model.Output;
import io.github.kestimator.model.Shape;
import io.github.kestimator.model.format.ModelColumns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks that each data file's columns (CSV header, or TFRecord feature keys) are exactly the
 * model's feature names plus, where asked, its label names (the output layers' names). A model is a
 * Keras file (or the class generated from it), or any compiled {@code @KerasModel} class, known by
 * the columns file the annotation processor wrote to the class output. Every mismatch of every file
 * is reported at once, each naming the file, the column and the closest expected name.
 */
public final class FeatureCheckService {
  private static final Pattern CLASS_NAME =
      Pattern.compile(
          "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
              + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");
  private final BuildLog log;

  public FeatureCheckService(BuildLog log) {
    this.log = log;
  }

  public void check(FeatureCheckRequest request) throws KestimatorException {
    ModelSettings settings = request.settings();
    List<ModelSource> sources = KerasModels.discover(settings);
    Map<String, Expected> cache = new HashMap<>();
    List<String> errors = new ArrayList<>();
    for (FeatureCheckRequest.DataFile d : request.dataFiles()) {
      String file = KerasModels.display(settings, d.file());
      if (d.model() == null || d.model().isBlank()) {
        errors.add(file + ": no <model> given: name the Keras file or model class this data feeds");
        continue;
      }
      Expected expected;
      try {
        expected = expected(request, sources, d.model(), cache);
      } catch (KestimatorException e) {
        errors.add(file + ": " + e.getMessage());
        continue;
      }
      if (!Files.isRegularFile(d.file())) {
        errors.add(file + ": no such data file");
        continue;
      }
      List<String> columns;
      try {
        columns = DataColumns.read(d.file());
      } catch (IOException e) {
        errors.add(
            file
                + ": cannot read its "
                + (DataColumns.isTfRecord(d.file()) ? "TFRecord feature keys" : "CSV header")
                + ": "
                + e.getMessage());
        continue;
      }
      Map<String, String> columnsWanted = new LinkedHashMap<>(expected.features());
      if (d.labels()) {
        expected.labels().forEach(columnsWanted::putIfAbsent);
      }
      String what = expected.what();
      List<String> fileErrors = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      for (String c : columns) {
        if (seen.contains(c)) {
          fileErrors.add(file + ": column '" + c + "' appears twice");
        }
        seen.add(c);
      }
      List<String> missing =
          columnsWanted.keySet().stream().filter(n -> !columns.contains(n)).toList();
      List<String> unknown =
          columns.stream().filter(c -> !columnsWanted.containsKey(c)).distinct().toList();
      for (String c : unknown) {
        fileErrors.add(
            file
                + ": column '"
                + c
                + "' is not a "
                + (d.labels() ? "feature or label" : "feature")
                + " of "
                + what
                + Names.didYouMean(c, missing.isEmpty() ? columnsWanted.keySet() : missing));
      }
      for (String m : missing) {
        fileErrors.add(
            file
                + ": missing column '"
                + m
                + "' ("
                + columnsWanted.get(m)
                + ")"
                + Names.didYouMean(m, unknown));
      }
      if (fileErrors.isEmpty()) {
        log.info(file + ": columns " + columns + " match " + what);
      }
      errors.addAll(fileErrors);
    }
    if (!errors.isEmpty()) {
      throw new KestimatorException(
          "Data files do not match their models:\n  " + String.join("\n  ", errors));
    }
  }

  /**
   * The columns a model wants, each name with a description for messages, and how messages name the
   * model. Keras files and the classes generated from them are read directly; any other class by
   * the columns file the annotation processor wrote when it compiled the class.
   */
  private record Expected(String what, Map<String, String> features, Map<String, String> labels) {}

  private static Expected expected(
      FeatureCheckRequest request,
      List<ModelSource> sources,
      String reference,
      Map<String, Expected> cache)
      throws KestimatorException {
    ModelSettings settings = request.settings();
    ModelSource source;
    try {
      source = KerasModels.find(settings, sources, reference);
    } catch (KestimatorException notKeras) {
      if (KerasModels.isKerasFile(reference) || !CLASS_NAME.matcher(reference).matches()) {
        throw notKeras;
      }
      Path path = request.classesDirectory().resolve(ModelColumns.resourcePath(reference));
      String display = KerasModels.display(settings, path);
      if (!Files.isRegularFile(path)) {
        throw new KestimatorException(
            notKeras.getMessage()
                + "; nor a compiled @KerasModel class: no "
                + display
                + " (written by the kestimator annotation processor when it compiles the class)");
      }
      Expected cached = cache.get(path.toString());
      if (cached == null) {
        cached =
            fromColumns("model class '" + reference + "' (" + display + ")", read(path, display));
        cache.put(path.toString(), cached);
      }
      return cached;
    }
    Expected cached = cache.get(source.relativePath());
    if (cached == null) {
      Model model = KerasModels.load(source).model();
      Map<String, String> features = new LinkedHashMap<>();
      for (Feature f : model.features()) {
        features.put(f.name(), feature(f.dtype(), f.shape()));
      }
      Map<String, String> labels = new LinkedHashMap<>();
      for (Output o : model.outputs()) {
        labels.putIfAbsent(o.layer(), label(o.labelDtype(), o.labelShape()));
      }
      cached =
          new Expected(
              "model '" + model.name() + "' (" + source.displayPath() + ")", features, labels);
      cache.put(source.relativePath(), cached);
    }
    return cached;
  }

  private static ModelColumns read(Path path, String display) throws KestimatorException {
    try {
      return ModelColumns.parse(Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new KestimatorException(display + ": cannot read: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new KestimatorException(display + ": " + e.getMessage(), e);
    }
  }

  private static Expected fromColumns(String what, ModelColumns columns) {
    Map<String, String> features = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    for (ModelColumns.Column c : columns.columns()) {
      if (c.label()) {
        labels.putIfAbsent(c.name(), label(c.dtype(), c.shape()));
      } else {
        features.put(c.name(), feature(c.dtype(), c.shape()));
      }
    }
    return new Expected(what, features, labels);
  }

  private static String feature(DType dtype, Shape shape) {
    return "feature: " + dtype.keras() + " " + shape;
  }

  private static String label(DType dtype, Shape shape) {
    return "label of the output layer: " + dtype.keras() + " " + shape;
  }
}
