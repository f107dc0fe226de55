/**
 * File formats kestimator writes and reads beside the model description: a small JSON reader and
 * writer ({@link io.github.kestimator.model.format.Json}), the model description as JSON that
 * generated code hands to the runtime ({@link io.github.kestimator.model.format.ModelSpecJson}),
 * the packaged weights file ({@link io.github.kestimator.model.format.WeightsFile}) and the columns
 * file the processor writes for {@code check-features} ({@link
 * io.github.kestimator.model.format.ModelColumns}).
 */
package io.github.kestimator.model.format;
