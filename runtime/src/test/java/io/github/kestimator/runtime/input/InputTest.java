package io.github.kestimator.runtime.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.runtime.Example;
import io.github.kestimator.runtime.Input;
import io.github.kestimator.runtime.binding.MapBinding;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InputTest {
  private static final MapBinding WORDS = TinyModels.words();

  /** Example i has ids (i%10, (i+1)%10, (i+2)%10) and label i, so the label identifies it. */
  private static List<Example<Map<String, Object>, Map<String, Object>>> examples(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> TinyModels.word(new int[] {i % 10, (i + 1) % 10, (i + 2) % 10}, i))
        .toList();
  }

  /** The label of every row of every batch: the order examples came out in. */
  private static List<Integer> order(Input<Map<String, Object>, Map<String, Object>> input) {
    List<Integer> out = new ArrayList<>();
    try (BatchStream s = input.open(WORDS)) {
      s.forEachRemaining(
          b -> {
            for (float v : b.floatLabel(0)) {
              out.add((int) v);
            }
          });
    }
    return out;
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  @Test
  void batchesFillFlatArraysAndKeepThePartialLastBatch() {
    try (BatchStream s = Input.of(examples(10)).batch(4).open(WORDS)) {
      List<HostBatch> batches = new ArrayList<>();
      s.forEachRemaining(batches::add);
      assertEquals(List.of(4, 4, 2), batches.stream().map(HostBatch::rows).toList());
      HostBatch last = batches.get(2);
      assertArrayEquals(new int[] {8, 9, 0, 9, 0, 1}, last.intFeature(0));
      assertArrayEquals(new float[] {8, 9}, last.floatLabel(0));
      assertArrayEquals(
          new int[] {0, 1, 2, 1, 2, 3, 2, 3, 4, 3, 4, 5}, batches.get(0).intFeature(0));
      assertTrue(last.hasLabels());
    }
  }

  @Test
  void defaultBatchIsKerasThirtyTwo() {
    assertEquals(32, Input.of(examples(1)).batchSize());
    try (BatchStream s = Input.of(examples(70)).open(WORDS)) {
      assertEquals(32, s.next().rows());
      assertEquals(32, s.next().rows());
      assertEquals(6, s.next().rows());
      assertFalse(s.hasNext());
    }
  }

  @Test
  void repeatCountAndForever() {
    assertEquals(
        List.of(0, 1, 2, 0, 1, 2, 0, 1, 2), order(Input.of(examples(3)).repeat(3).batch(2)));
    try (BatchStream s = Input.of(examples(3)).repeat().batch(2).open(WORDS)) {
      for (int i = 0; i < 1000; i++) {
        assertEquals(2, s.next().rows()); // batches run across epoch boundaries: never partial
      }
    }
  }

  @Test
  void repeatingNothingEnds() {
    try (BatchStream s = Input.of(examples(0)).repeat().open(WORDS)) {
      assertFalse(s.hasNext());
    }
  }

  @Test
  void shuffleIsDeterministicForASeed() {
    List<Integer> a = order(Input.of(examples(100)).shuffle(100, 7));
    List<Integer> b = order(Input.of(examples(100)).shuffle(100, 7));
    List<Integer> c = order(Input.of(examples(100)).shuffle(100, 8));
    assertEquals(a, b);
    assertNotEquals(a, c);
    assertNotEquals(range(100), a);
    assertEquals(range(100), a.stream().sorted().toList());
  }

  @Test
  void shuffleBufferBoundsHowFarAnExampleMoves() {
    assertEquals(range(50), order(Input.of(examples(50)).shuffle(1, 3)));
    List<Integer> out = order(Input.of(examples(200)).shuffle(5, 3));
    assertEquals(range(200), out.stream().sorted().toList());
    assertNotEquals(range(200), out);
    for (int i = 0; i < out.size(); i++) {
      // output i is drawn from the first i + 5 examples
      assertTrue(out.get(i) < i + 5, "position " + i + " holds example " + out.get(i));
    }
  }

  @Test
  void everyEpochAndEveryOpenReshufflesReproducibly() {
    Input<Map<String, Object>, Map<String, Object>> input =
        Input.of(examples(20)).shuffle(20, 11).repeat(2);
    List<Integer> first = order(input);
    List<Integer> second = order(input);
    assertNotEquals(first.subList(0, 20), first.subList(20, 40));
    assertNotEquals(first, second);
    // A fresh Input with the same seed replays the same sequence of opens.
    Input<Map<String, Object>, Map<String, Object>> again =
        Input.of(examples(20)).shuffle(20, 11).repeat(2);
    assertEquals(first, order(again));
    assertEquals(second, order(again));
  }

  @Test
  void prefetchDeliversTheSameBatches() {
    Input<Map<String, Object>, Map<String, Object>> plain =
        Input.of(examples(103)).shuffle(10, 5).batch(8);
    Input<Map<String, Object>, Map<String, Object>> prefetched =
        Input.of(examples(103)).shuffle(10, 5).batch(8).prefetch(2);
    try (BatchStream a = plain.open(WORDS);
        BatchStream b = prefetched.open(WORDS)) {
      assertTrue(b instanceof Prefetcher);
      while (a.hasNext()) {
        assertTrue(b.hasNext());
        HostBatch x = a.next();
        HostBatch y = b.next();
        assertEquals(x.rows(), y.rows());
        assertArrayEquals(x.intFeature(0), y.intFeature(0));
        assertArrayEquals(x.floatLabel(0), y.floatLabel(0));
      }
      assertFalse(b.hasNext());
    }
  }

  @Test
  void prefetchSurfacesProducerErrorsWithTheirMessage() {
    List<Example<Map<String, Object>, Map<String, Object>>> data = new ArrayList<>(examples(10));
    data.set(7, TinyModels.word(new int[] {1, 2}, 7));
    try (BatchStream s = Input.of(data).batch(4).prefetch(3).open(WORDS)) {
      assertEquals(4, s.next().rows());
      InputException e = assertThrows(InputException.class, s::next);
      assertEquals(
          "example 7: feature 'words_input' expects 3 values (shape 3), got 2", e.getMessage());
      assertThrows(InputException.class, s::hasNext); // the failure stays
    }
  }

  @Test
  void closingStopsTheProducerOfAnEndlessInput() throws Exception {
    AtomicInteger opened = new AtomicInteger();
    Iterable<Example<Map<String, Object>, Map<String, Object>>> counting =
        () -> {
          opened.incrementAndGet();
          return examples(5).iterator();
        };
    Prefetcher s = (Prefetcher) Input.of(counting).repeat().batch(2).prefetch(2).open(WORDS);
    assertEquals(2, s.next().rows());
    s.close();
    assertTrue(s.producerStopped());
    int after = opened.get();
    Thread.sleep(20);
    assertEquals(after, opened.get());
    assertFalse(s.hasNext());
  }

  @Test
  void embeddingIdsOutOfRangeNameFeatureValuePositionAndLimit() {
    List<Example<Map<String, Object>, Map<String, Object>>> data = new ArrayList<>(examples(5));
    data.set(3, TinyModels.word(new int[] {4, 10, 2}, 3));
    try (BatchStream s = Input.of(data).open(WORDS)) {
      InputException e = assertThrows(InputException.class, s::next);
      assertEquals(
          "example 3: feature 'words_input' holds id 10 at position 1, outside [0, 10) of embedding layer"
              + " 'words' (inputDim 10)",
          e.getMessage());
    }
  }

  @Test
  void sparseClassLabelsOutOfRange() {
    List<Example<Map<String, Object>, Map<String, Object>>> data =
        List.of(Example.of(Map.of("classify_input", new float[] {1, 2}), Map.of("classify", -1)));
    try (BatchStream s = Input.of(data).open(TinyModels.points())) {
      InputException e = assertThrows(InputException.class, s::next);
      assertEquals(
          "example 0: label 'classify' holds id -1 at position 0, outside [0, 3) of the 3 classes of output"
              + " 'classify'",
          e.getMessage());
    }
  }

  @Test
  void openFeaturesForPrediction() {
    List<Map<String, Object>> features = examples(5).stream().map(Example::features).toList();
    try (BatchStream s = Input.openFeatures(features, WORDS, 3)) {
      HostBatch first = s.next();
      assertFalse(first.hasLabels());
      assertArrayEquals(new int[] {0, 1, 2, 1, 2, 3, 2, 3, 4}, first.intFeature(0));
      HostBatch second = s.next();
      assertEquals(2, second.rows());
      assertArrayEquals(new int[] {3, 4, 5, 4, 5, 6}, (int[]) second.feature(0));
      assertFalse(s.hasNext());
      assertThrows(IllegalStateException.class, () -> second.label(0));
    }
  }

  @Test
  void describesItsPipelineAndRejectsNonsense() {
    assertEquals(
        "examples.shuffle(100, seed=1).repeat().batch(16).prefetch(2)",
        Input.of(examples(1)).prefetch(2).batch(16).repeat().shuffle(100, 1).toString());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Input.of(examples(1)).batch(0));
    assertEquals("batch size must be at least 1, got 0", e.getMessage());
  }

  @Test
  void iteratesLazily() {
    Iterator<Example<Map<String, Object>, Map<String, Object>>> endless =
        new Iterator<>() {
          int i;

          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public Example<Map<String, Object>, Map<String, Object>> next() {
            return examples(10).get(i++ % 10);
          }
        };
    try (BatchStream s = Input.of(() -> endless).batch(4).open(WORDS)) {
      assertEquals(4, s.next().rows());
    }
  }
}
