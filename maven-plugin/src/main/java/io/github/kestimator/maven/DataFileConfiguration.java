package io.github.kestimator.maven;

import java.io.File;

/**
 * One {@code <dataFile>} in {@code check-features}' {@code <dataFiles>}.
 *
 * <pre>{@code
 * <dataFile>
 *   <file>src/test/data/train.csv</file>
 *   <model>sentiment_model.json</model>
 * </dataFile>
 * }</pre>
 *
 * @since 0.1.0
 */
public class DataFileConfiguration {
  /** The CSV ({@code *.csv}) or TFRecord ({@code *.tfrecord[s][.gz]}) file. Required. */
  File file;

  /**
   * The model it feeds: a Keras file (relative to {@code kerasDirectory} or the project), or the
   * fully qualified name of a model class, generated from a Keras file or written by hand (then it
   * must be compiled first: {@code check-features} reads the columns the annotation processor wrote
   * to {@code target/classes/META-INF/kestimator/models/<class>.columns}). Required.
   */
  String model;

  /** Whether the file must hold the label columns too (the output layers' names); default true. */
  boolean labels = true;
}
