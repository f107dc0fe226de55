package io.github.kestimator.maven;

import java.util.ArrayList;
import java.util.List;

/** Prints Keras' {@code model.summary()} table of every Keras model. */
public final class SummaryService {
  private final BuildLog log;

  public SummaryService(BuildLog log) {
    this.log = log;
  }

  /** Logs every model's summary; fails listing every model that does not read or validate. */
  public void summarize(ModelSettings settings) throws KestimatorException {
    List<String> errors = new ArrayList<>();
    List<ModelSource> sources = KerasModels.discover(settings);
    if (sources.isEmpty()) {
      log.info(
          "No Keras models (*.json, *.keras) in "
              + KerasModels.display(settings, settings.kerasDirectory()));
    }
    for (ModelSource s : sources) {
      try {
        ImportedModel m = KerasModels.load(s);
        String fqcn =
            settings.packageName() == null || settings.packageName().isEmpty()
                ? s.className()
                : settings.packageName() + "." + s.className();
        StringBuilder b = new StringBuilder();
        b.append(s.displayPath())
            .append(" (")
            .append(fqcn)
            .append(")\n")
            .append(m.model().summary());
        b.append("Features: ")
            .append(
                m.model().features().stream()
                    .map(f -> f.name() + " " + f.dtype().keras() + " " + f.shape())
                    .toList())
            .append('\n');
        b.append("Labels: ")
            .append(
                m.model().outputs().stream()
                    .map(o -> o.layer() + " " + o.labelDtype().keras() + " " + o.labelShape())
                    .toList())
            .append('\n');
        b.append("Compile: loss=")
            .append(lossText(m.spec().compile()))
            .append(", optimizer=")
            .append(m.spec().compile().optimizer().type().name().toLowerCase(java.util.Locale.ROOT))
            .append("(learning_rate=")
            .append(m.model().learningRate())
            .append("), metrics=")
            .append(m.model().metrics().stream().map(x -> x.key()).toList())
            .append(
                m.keras().training() == null
                    ? " (from the plugin configuration; the file has no training config)"
                    : "");
        log.info(b.toString());
        if (m.trainingWarning() != null) {
          log.warn(m.trainingWarning());
        }
      } catch (KestimatorException e) {
        errors.add(e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new KestimatorException(String.join("\n", errors));
    }
  }

  /** {@code mse}, or per output {@code {price: mse, churn: binary_crossentropy*0.5}}. */
  private static String lossText(io.github.kestimator.model.CompileSpec c) {
    if (!c.perOutput()) {
      return c.loss().keras();
    }
    return c.outputs().stream()
        .map(
            o ->
                o.output()
                    + ": "
                    + o.loss().keras()
                    + (o.weight() == 1.0 ? "" : "*" + o.weight())
                    + (o.metrics().isEmpty()
                        ? ""
                        : " " + o.metrics().stream().map(x -> x.keras()).toList()))
        .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
  }
}
