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
   * fully qualified name of the class generated from it. Required.
   */
  String model;

  /** Whether the file must hold the label columns too (the output layers' names); default true. */
  boolean labels = true;
}
