package io.github.kestimator.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;

/** BlockLSTMV2's gradient (BlockLSTMGradV2), which TensorFlow registers in Python only. */
final class BlockLstmGradient {
  private static boolean registered;

  private BlockLstmGradient() {}

  static synchronized void register() {
    if (!registered) {
      registered = TensorFlow.registerCustomGradient("BlockLSTMV2", BlockLstmGradient::gradient);
    }
  }

  private static List<Operand<?>> gradient(Ops tf, GraphOperation op, List<Output<?>> dy) {
    OperationBuilder b = tf.scope().opBuilder("BlockLSTMGradV2", "BlockLSTMGradV2");
    for (int i = 0; i < 9; i++) {
      b.addInput(op.input(i));
    }
    for (int i = 0; i < 7; i++) {
      b.addInput(op.output(i));
    }
    // cs_grad, h_grad: zeros where nothing flows back
    b.addInput(dy.get(1) != null ? dy.get(1) : tf.zerosLike(op.output(1)).asOutput());
    b.addInput(dy.get(6) != null ? dy.get(6) : tf.zerosLike(op.output(6)).asOutput());
    b.setAttr("use_peephole", false);
    var g = b.build();
    List<Operand<?>> out = new ArrayList<>();
    out.add(tf.zerosLike(op.input(0))); // seq_len_max: not differentiable; a zero of its shape
    for (int i = 0; i < 8; i++) {
      out.add(g.output(i));
    }
    return out;
  }
}
