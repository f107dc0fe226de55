package io.github.kestimator.maven;

import java.util.List;

/**
 * One {@code <model>} in the plugin's {@code <models>}: settings for one Keras file.
 *
 * <pre>{@code
 * <models>
 *   <model>
 *     <file>mnist_cnn.json</file>
 *     <className>MnistModel</className>
 *     <loss>sparse_categorical_crossentropy</loss>
 *     <metrics><metric>accuracy</metric></metrics>
 *   </model>
 * </models>
 * }</pre>
 *
 * @since 0.1.0
 */
public class ModelConfiguration {
  /** The Keras file, relative to {@code kerasDirectory}. Required. */
  String file;

  /** The generated class's simple name; default: the file name in UpperCamelCase. */
  String className;

  /**
   * Keras loss identifier, e.g. {@code binary_crossentropy}; overrides the plugin-wide and the
   * file's.
   */
  String loss;

  /** Keras' {@code from_logits}. */
  Boolean fromLogits;

  /** Keras optimizer identifier, e.g. {@code adam}, {@code sgd}. */
  String optimizer;

  /** The optimizer's {@code learning_rate}. */
  Double learningRate;

  /** Keras metric identifiers, e.g. {@code accuracy}, {@code auc}. */
  List<String> metrics;

  /**
   * The length of this file's inputs of unknown sequence length ({@code Input((None,))}); overrides
   * the plugin-wide {@code maxSequenceLength}.
   *
   * @since 0.1.0
   */
  Integer maxSequenceLength;
}
