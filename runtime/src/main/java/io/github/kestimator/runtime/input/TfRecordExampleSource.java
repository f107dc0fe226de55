package io.github.kestimator.runtime.input;

import io.github.kestimator.runtime.Example;
import io.github.kestimator.runtime.binding.ModelBinding;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;

/**
 * Examples from TFRecord files of tf.train.Example, keyed by feature and label names, files in
 * order.
 */
public final class TfRecordExampleSource<F, L> implements Source<Example<F, L>> {
  private final List<Path> files;
  private final ModelBinding<F, L, ?, ?> binding;

  public TfRecordExampleSource(List<Path> files, ModelBinding<F, L, ?, ?> binding) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no TFRecord files given");
    }
    this.files = List.copyOf(files);
    this.binding = binding;
  }

  @Override
  public Cursor<Located<Example<F, L>>> open() {
    return new Records();
  }

  private final class Records implements Cursor<Located<Example<F, L>>> {
    private int fileIndex;
    private TfRecordReader reader;
    private String where;

    @Override
    public boolean hasNext() {
      while (reader == null || !reader.hasNext()) {
        if (reader != null) {
          reader.close();
          reader = null;
        }
        if (fileIndex == files.size()) {
          return false;
        }
        Path file = files.get(fileIndex++);
        reader = TfRecordReader.open(file);
        where = file + " record";
      }
      return true;
    }

    @Override
    public Located<Example<F, L>> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      byte[] bytes = reader.next();
      String record = where + " " + reader.recordIndex();
      Features features;
      try {
        features = org.tensorflow.proto.Example.parseFrom(bytes).getFeatures();
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new InputException(
            record
                + " (byte offset "
                + reader.recordOffset()
                + "): not a tf.train.Example: "
                + e.getMessage(),
            e);
      }
      java.util.Map<String, Feature> map = features.getFeatureMap();
      ExampleColumns columns = new ExampleColumns(record, map);
      return new Located<>(
          Example.of(binding.readFeatures(columns), binding.readLabels(columns)),
          where,
          reader.recordIndex());
    }

    @Override
    public void close() {
      if (reader != null) {
        reader.close();
        reader = null;
      }
      fileIndex = files.size();
    }
  }
}
