/**
 * File formats kestimator writes and reads beside the model description: a small JSON reader and
 * writer ({@link io.github.kestimator.model.format.Json}), the packaged weights file ({@link
 * io.github.kestimator.model.format.WeightsFile}) and the columns file the processor writes for
 * {@code check-features} ({@link io.github.kestimator.model.format.ModelColumns}).
 */
package io.github.kestimator.model.format;
