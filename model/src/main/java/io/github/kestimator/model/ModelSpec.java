package io.github.kestimator.model;

import java.util.List;

/**
 * A model as written: its name, layers in declaration order, and compile settings (null when the
 * user gave none, which {@link ModelAnalyzer} reports). Analyze it to get a validated {@link
 * Model}.
 */
public record ModelSpec(String name, List<LayerSpec> layers, CompileSpec compile) {
  public ModelSpec {
    layers = List.copyOf(layers);
  }
}
