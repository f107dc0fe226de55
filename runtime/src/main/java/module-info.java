/**
 * The estimator on TensorFlow Java: training, evaluation, checkpoints, export, prediction and
 * input.
 *
 * <p>Exported: the estimator API ({@code io.github.kestimator.runtime}), the input formats ({@code
 * .input}), model directories ({@code .modeldir}), SavedModel directories ({@code .export}),
 * distributed training ({@code .distribute}), and the interface generated code implements ({@code
 * .binding}, for generated code only). The graph building, layers, losses, metrics, optimizers and
 * sessions are internal.
 *
 * <p>On the module path, sessions on a remote {@code grpc://} target (distributed training) reach a
 * package-private TensorFlow constructor: run with {@code --add-opens
 * tensorflow/org.tensorflow=io.github.kestimator.runtime}. A model whose starting weights are a
 * resource ({@code @KerasModel(weights = ...)}) in a named module needs its package opened to this
 * module, as the runtime reads the resource.
 */
@SuppressWarnings("module") // the qualified exports name a module built after this one
module io.github.kestimator.runtime {
  requires transitive io.github.kestimator.model;
  requires transitive tensorflow;
  requires tensorflow.framework;
  requires org.slf4j;

  exports io.github.kestimator.runtime;
  exports io.github.kestimator.runtime.binding;
  exports io.github.kestimator.runtime.distribute;
  exports io.github.kestimator.runtime.export;
  exports io.github.kestimator.runtime.input;
  exports io.github.kestimator.runtime.modeldir;
  // Internal; keras-estimator's tests build graphs and sessions to compare training with Keras.
  exports io.github.kestimator.runtime.graph to
      io.github.kestimator.keras.estimator;
  exports io.github.kestimator.runtime.session to
      io.github.kestimator.keras.estimator;
}
