package io.github.kestimator.maven;

import io.github.kestimator.spec.Feature;
import io.github.kestimator.spec.Model;
import io.github.kestimator.spec.Names;
import io.github.kestimator.spec.Output;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that each data file's columns (CSV header, or TFRecord feature keys) are exactly the
 * model's feature names plus, where asked, its label names (the output layers' names). Every
 * mismatch of every file is reported at once, each naming the file, the column and the closest
 * expected name.
 */
public final class FeatureCheckService {
  private final BuildLog log;

  public FeatureCheckService(BuildLog log) {
    this.log = log;
  }

  public void check(FeatureCheckRequest request) throws KestimatorException {
    ModelSettings settings = request.settings();
    List<ModelSource> sources = KerasModels.discover(settings);
    Map<ModelSource, Model> models = new HashMap<>();
    List<String> errors = new ArrayList<>();
    for (FeatureCheckRequest.DataFile d : request.dataFiles()) {
      String file = KerasModels.display(settings, d.file());
      if (d.model() == null || d.model().isBlank()) {
        errors.add(file + ": no <model> given: name the Keras file or model class this data feeds");
        continue;
      }
      Model model;
      ModelSource source;
      try {
        source = KerasModels.find(settings, sources, d.model());
        if (!models.containsKey(source)) {
          models.put(source, KerasModels.load(source).model());
        }
        model = models.get(source);
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
        errors.add(file + ": cannot read its " + (DataColumns.isTfRecord(d.file()) ? "TFRecord feature keys" : "CSV header")
            + ": " + e.getMessage());
        continue;
      }
      Map<String, String> expected = new LinkedHashMap<>();
      for (Feature f : model.features()) {
        expected.put(f.name(), "feature: " + f.dtype().keras() + " " + f.shape());
      }
      if (d.labels()) {
        for (Output o : model.outputs()) {
          expected.putIfAbsent(o.layer(), "label of the output layer: " + o.labelDtype().keras() + " " + o.labelShape());
        }
      }
      String what = "model '" + model.name() + "' (" + source.displayPath() + ")";
      List<String> fileErrors = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      for (String c : columns) {
        if (seen.contains(c)) {
          fileErrors.add(file + ": column '" + c + "' appears twice");
        }
        seen.add(c);
      }
      List<String> missing = expected.keySet().stream().filter(n -> !columns.contains(n)).toList();
      List<String> unknown = columns.stream().filter(c -> !expected.containsKey(c)).distinct().toList();
      for (String c : unknown) {
        fileErrors.add(file + ": column '" + c + "' is not a " + (d.labels() ? "feature or label" : "feature") + " of " + what
            + Names.didYouMean(c, missing.isEmpty() ? expected.keySet() : missing));
      }
      for (String m : missing) {
        fileErrors.add(file + ": missing column '" + m + "' (" + expected.get(m) + ")" + Names.didYouMean(m, unknown));
      }
      if (fileErrors.isEmpty()) {
        log.info(file + ": columns " + columns + " match " + what);
      }
      errors.addAll(fileErrors);
    }
    if (!errors.isEmpty()) {
      throw new KestimatorException("Data files do not match their models:\n  " + String.join("\n  ", errors));
    }
  }
}
