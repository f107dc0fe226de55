/**
 * The annotations that describe a Keras model on a Java class ({@code @KerasModel}, {@code @Dense},
 * {@code @Compile}, ...); the annotation processor reads them at compile time. Source-retained:
 * they are needed to compile a model class, not to run it.
 */
module io.github.kestimator.annotations {
  exports io.github.kestimator.annotations;
}
