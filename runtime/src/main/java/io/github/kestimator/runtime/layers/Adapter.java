package io.github.kestimator.runtime.layers;

import io.github.kestimator.model.DType;
import io.github.kestimator.model.Feature;
import io.github.kestimator.model.Layer;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.OutputMode;
import io.github.kestimator.model.Params;
import io.github.kestimator.model.Split;
import io.github.kestimator.model.Standardize;
import io.github.kestimator.model.Vocabulary;
import io.github.kestimator.runtime.input.HostBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code adapt}, streaming over batches of a model's features: each layer that {@link
 * Layer#needsAdapt() needs adapt} counts the tokens of its feature ({@link VocabularyBuilder},
 * TextVectorization's tokens from the graph's own string ops, {@link TextTokenizer}) or its moments
 * ({@link MomentsBuilder}). Memory holds one counter per distinct token, never the data. A layer is
 * adapted on the feature that feeds it, so it must read a model input directly.
 */
public final class Adapter implements AutoCloseable {
  private final List<LayerAdapt> layers = new ArrayList<>();
  private long rows;

  /** Adapts {@code targets} (layers of {@code model} that need adapt). */
  public Adapter(Model model, List<Layer> targets) {
    try {
      for (Layer l : targets) {
        layers.add(
            new LayerAdapt(l, featureSlot(model, l), model.features().get(featureSlot(model, l))));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Adapts every batch of {@code batches}; returns the state of each layer, in the order given. */
  public Map<Layer, LayerState> run(Iterator<HostBatch> batches) {
    while (batches.hasNext()) {
      HostBatch b = batches.next();
      for (LayerAdapt a : layers) {
        a.add(b);
      }
      rows += b.rows();
    }
    if (rows == 0) {
      throw new IllegalStateException(
          "cannot adapt layer '" + layers.get(0).layer.name() + "': the input has no examples");
    }
    Map<Layer, LayerState> out = new LinkedHashMap<>();
    for (LayerAdapt a : layers) {
      out.put(a.layer, a.finish());
    }
    return out;
  }

  /** The examples read so far. */
  public long rows() {
    return rows;
  }

  /** The feature slot that feeds {@code layer} through its input layer. */
  static int featureSlot(Model model, Layer layer) {
    String in = layer.inbound().isEmpty() ? null : layer.inbound().get(0);
    for (int i = 0; i < model.features().size(); i++) {
      if (model.features().get(i).layer().equals(in)) {
        return i;
      }
    }
    Layer source = model.layer(in).orElse(null);
    throw new IllegalStateException(
        layer.kind().kerasName()
            + " layer '"
            + layer.name()
            + "' learns its state from the"
            + " data it reads, so its input must be a model input, not the "
            + (source == null
                ? "layer '" + in + "'"
                : source.kind().kerasName() + " layer '" + in + "'")
            + "; give it its "
            + (layer.kind() == LayerKind.NORMALIZATION ? "mean and variance" : "vocabulary")
            + " instead");
  }

  @Override
  public void close() {
    for (LayerAdapt a : layers) {
      a.close();
    }
  }

  /** One layer's running state. */
  private static final class LayerAdapt implements AutoCloseable {
    final Layer layer;
    final int slot;
    final Feature feature;
    final int perExample;
    VocabularyBuilder<String> strings;
    VocabularyBuilder<Long> longs;
    MomentsBuilder moments;
    TextTokenizer tokenizer;
    Object mask;

    LayerAdapt(Layer layer, int slot, Feature feature) {
      this.layer = layer;
      this.slot = slot;
      this.feature = feature;
      this.perExample = feature.shape().size();
      Params p = layer.params();
      switch (layer.kind()) {
        case TEXT_VECTORIZATION -> {
          strings =
              new VocabularyBuilder<>(
                  p.getEnum("outputMode", OutputMode.class) == OutputMode.TF_IDF);
          tokenizer =
              new TextTokenizer(
                  p.getEnum("standardize", Standardize.class).keras(),
                  p.getEnum("split", Split.class).keras(),
                  TextOps.ngramWidths(p.getInt("ngrams")));
          mask = "";
        }
        case STRING_LOOKUP -> {
          strings =
              new VocabularyBuilder<>(
                  p.getEnum("outputMode", OutputMode.class) == OutputMode.TF_IDF);
          mask = p.optional("maskToken");
        }
        case INTEGER_LOOKUP -> {
          longs =
              new VocabularyBuilder<>(
                  p.getEnum("outputMode", OutputMode.class) == OutputMode.TF_IDF);
          mask = p.optional("maskToken");
        }
        case NORMALIZATION ->
            moments = new MomentsBuilder(feature.shape().rank() == 0 ? 1 : feature.shape().dim(-1));
        default ->
            throw new IllegalArgumentException(
                layer.kind().kerasName() + " layer '" + layer.name() + "' has nothing to adapt");
      }
    }

    void add(HostBatch b) {
      int rows = b.rows();
      if (tokenizer != null) {
        // One text per example (shape (1) or ()).
        for (List<String> tokens : tokenizer.tokens(b.stringFeature(slot))) {
          strings.add(unmasked(tokens));
        }
      } else if (strings != null) {
        String[] v = b.stringFeature(slot);
        for (int r = 0; r < rows; r++) {
          strings.add(unmasked(Arrays.asList(v).subList(r * perExample, (r + 1) * perExample)));
        }
      } else if (longs != null) {
        long[] v =
            feature.dtype() == DType.INT32
                ? Arrays.stream(b.intFeature(slot)).asLongStream().toArray()
                : b.longFeature(slot);
        for (int r = 0; r < rows; r++) {
          List<Long> doc = new ArrayList<>(perExample);
          for (int i = r * perExample; i < (r + 1) * perExample; i++) {
            doc.add(v[i]);
          }
          longs.add(unmasked(doc));
        }
      } else {
        Object v = b.feature(slot);
        moments.add(v instanceof float[] a ? a : toFloats(v));
      }
    }

    /** Keras leaves the mask token out of the counts, whatever the output mode. */
    private <T> List<T> unmasked(List<T> tokens) {
      if (mask == null || !tokens.contains(mask)) {
        return tokens;
      }
      List<T> out = new ArrayList<>(tokens);
      out.removeIf(mask::equals);
      return out;
    }

    private static float[] toFloats(Object v) {
      if (v instanceof int[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
          f[i] = a[i];
        }
        return f;
      }
      if (v instanceof long[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
          f[i] = a[i];
        }
        return f;
      }
      throw new IllegalStateException(
          "Normalization adapts numbers, not " + v.getClass().getSimpleName());
    }

    LayerState finish() {
      if (moments != null) {
        return LayerState.moments(moments.mean(), moments.variance());
      }
      Params p = layer.params();
      Vocabulary layout = Vocabulary.of(layer.kind(), p);
      Integer maxTokens = p.getInt("maxTokens") > 0 ? p.getInt("maxTokens") : null;
      if (longs != null) {
        List<Long> special = layout.full().stream().map(t -> ((Number) t).longValue()).toList();
        VocabularyBuilder.Result<Long> r = longs.finish(special, maxTokens);
        return LayerState.lookup(LayerStates.strings(r.vocabulary()), null, r.idfWeights());
      }
      List<String> special = LayerStates.strings(layout.full());
      VocabularyBuilder.Result<String> r = strings.finish(special, maxTokens);
      return LayerState.lookup(r.vocabulary(), null, r.idfWeights());
    }

    @Override
    public void close() {
      if (tokenizer != null) {
        tokenizer.close();
      }
    }
  }
}
