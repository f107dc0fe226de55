package io.github.kestimator.maven;

import io.github.kestimator.maven.keras.KerasModel;
import io.github.kestimator.spec.Model;
import io.github.kestimator.spec.ModelSpec;

/** A Keras file read and validated: the spec written into the model class, and the analyzed model. */
public record ImportedModel(ModelSource source, KerasModel keras, ModelSpec spec, Model model) {}
