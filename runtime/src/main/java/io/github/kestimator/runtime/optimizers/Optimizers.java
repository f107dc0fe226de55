package io.github.kestimator.runtime.optimizers;

import io.github.kestimator.model.Constraint;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.model.Params;
import io.github.kestimator.runtime.graph.Constraints;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Keras optimizers as one train step: gradients from TensorFlow's C++ gradients, Keras' clipping,
 * then TensorFlow's fused training ops where they compute exactly Keras' update (SGD with momentum,
 * Adam, RMSprop, Adadelta, Adamax, Ftrl) and plain ops where none does (AMSGrad, AdamW's decoupled
 * decay, Adagrad's epsilon inside the root, Nadam's momentum schedule). Bias corrections use the
 * global step (Keras' {@code iterations + 1}) rather than extra power variables, so they resume
 * exactly.
 *
 * <p>Keras defaults: Adam/AdamW/Adamax/Nadam betas 0.9/0.999, epsilon 1e-7; RMSprop rho 0.9;
 * Adadelta rho 0.95; Adagrad initial accumulator 0.1; AdamW weight decay 0.004 on every weight;
 * Ftrl initial accumulator 0.1 and learning-rate power -0.5. Clipping is per weight, as Keras'
 * {@code clipnorm} and {@code clipvalue}.
 */
public final class Optimizers {
  private Optimizers() {}

  /**
   * One optimizer step that also increments {@code globalStep}.
   *
   * @param updates ops that must run with the step (batch-norm moving averages)
   * @return an op that applies the step and then increments the global step
   */
  public static Op minimize(
      Ops tf,
      OptimizerType type,
      Params p,
      double learningRate,
      Operand<TFloat32> loss,
      List<Variable<TFloat32>> vars,
      Variable<TInt64> globalStep,
      Slots slots,
      List<Op> updates) {
    return minimize(
        tf, type, p, learningRate, loss, vars, globalStep, slots, updates, List.of(), List.of());
  }

  /**
   * As {@link #minimize(Ops, OptimizerType, Params, double, Operand, List, Variable, Slots, List)},
   * with the variables that are only gathered from ({@link Lookup}), whose squared gradient is
   * Keras' sum of squared slices, and each variable's constraint ({@code constraints[i]} for {@code
   * vars[i]}; empty: none), applied after every variable's update as Keras 3 does: {@code
   * var.assign(constraint(var))}, within the same train step.
   */
  public static Op minimize(
      Ops tf,
      OptimizerType type,
      Params p,
      double learningRate,
      Operand<TFloat32> loss,
      List<Variable<TFloat32>> vars,
      Variable<TInt64> globalStep,
      Slots slots,
      List<Op> updates,
      List<Lookup> lookups,
      List<Constraint> constraints) {
    Ops ot = tf.withSubScope("optimizer");
    List<Operand<TFloat32>> squares = new ArrayList<>();
    List<Operand<TFloat32>> grads = gradients(ot, loss, vars, lookups, squares);
    List<Operand<TFloat32>> clipped = clip(ot, p, grads);
    if (clipped != grads) {
      squares.replaceAll(
          sq ->
              null); // Keras clips each slice; the clipped dense gradient's square is close enough
      grads = clipped;
    }
    // Variables are updated in place, so no update may start before every read of a variable is
    // done:
    // gradient ops read weights directly (e.g. dh = dz @ R^T), and the fetched loss reads them too.
    List<Operation> reads = new ArrayList<>();
    reads.add(loss.op());
    grads.forEach(g -> reads.add(g.op()));
    Ops gated = ot.withControlDependencyOps(reads);
    Operand<TFloat32> step =
        gated.math.add(gated.dtypes.cast(globalStep, TFloat32.class), gated.constant(1f));
    Step s = new Step(gated, p, LearningRates.of(gated, p, learningRate, globalStep), step);
    List<Op> applied = new ArrayList<>(updates);
    Operand<TFloat32> nadamProduct =
        type == OptimizerType.NADAM ? s.nadamProduct(slots, applied) : null;
    for (int i = 0; i < vars.size(); i++) {
      applied.add(s.apply(type, i, vars.get(i), grads.get(i), squares.get(i), slots, nadamProduct));
    }
    List<Op> done = new ArrayList<>(applied);
    if (constraints.stream().anyMatch(c -> !c.isNone())) {
      Ops after = tf.withSubScope("constraints").withControlDependencies(applied);
      for (int i = 0; i < vars.size(); i++) {
        Constraint c = constraints.get(i);
        if (!c.isNone()) {
          done.add(after.assign(vars.get(i), Constraints.apply(after, c, vars.get(i))));
        }
      }
    }
    // Locked, so that concurrent steps of several workers (between-graph replication) count every
    // step.
    return tf.withControlDependencies(done)
        .withName("train_op")
        .assignAdd(globalStep, tf.constant(1L), org.tensorflow.op.core.AssignAdd.useLocking(true));
  }

  /**
   * d loss / d var for each variable; zeros for a variable the loss does not depend on (TensorFlow
   * refuses to differentiate those, e.g. an LSTM's recurrent kernel over a sequence of one step).
   */
  private static List<Operand<TFloat32>> gradients(
      Ops tf,
      Operand<TFloat32> loss,
      List<Variable<TFloat32>> vars,
      List<Lookup> lookups,
      List<Operand<TFloat32>> squares) {
    java.util.Set<String> upstream = upstreamOps(loss);
    List<Operand<?>> targets = new ArrayList<>();
    List<Lookup> lookupOf = new ArrayList<>();
    for (Variable<TFloat32> v : vars) {
      Lookup lookup =
          lookups.stream()
              .filter(l -> l.table().op().name().equals(v.op().name()))
              .findFirst()
              .orElse(null);
      lookupOf.add(lookup);
      if (upstream.contains(v.op().name())) {
        targets.add(lookup != null ? lookup.rows() : v);
      }
    }
    var g = targets.isEmpty() ? null : tf.gradients(loss, targets);
    List<Operand<TFloat32>> out = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < vars.size(); i++) {
      Variable<TFloat32> v = vars.get(i);
      Lookup lookup = lookupOf.get(i);
      if (!upstream.contains(v.op().name())) {
        out.add(tf.zerosLike(v));
        squares.add(null);
      } else if (lookup == null) {
        out.add(g.<TFloat32>dy(next++));
        squares.add(null);
      } else { // the slices, one row per id: summed into rows, and squared before summing (Keras'
        // IndexedSlices)
        long rowsOfTable = v.shape().get(0);
        long width = v.shape().get(1);
        Operand<TFloat32> slices =
            tf.reshape(g.<TFloat32>dy(next++), tf.constant(new long[] {-1, width}));
        Operand<TInt32> ids = tf.reshape(lookup.ids(), tf.constant(new long[] {-1}));
        out.add(tf.math.unsortedSegmentSum(slices, ids, tf.constant(rowsOfTable)));
        squares.add(
            tf.math.unsortedSegmentSum(tf.math.mul(slices, slices), ids, tf.constant(rowsOfTable)));
      }
    }
    return out;
  }

  /** The names of the ops {@code loss} reads through data edges, transitively. */
  private static java.util.Set<String> upstreamOps(Operand<TFloat32> loss) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.ArrayDeque<org.tensorflow.GraphOperation> todo = new java.util.ArrayDeque<>();
    todo.add((org.tensorflow.GraphOperation) loss.op());
    while (!todo.isEmpty()) {
      org.tensorflow.GraphOperation op = todo.poll();
      if (seen.add(op.name())) {
        for (int i = 0; i < op.numInputs(); i++) {
          todo.add((org.tensorflow.GraphOperation) op.input(i).op());
        }
      }
    }
    return seen;
  }

  private static List<Operand<TFloat32>> clip(Ops tf, Params p, List<Operand<TFloat32>> grads) {
    double clipValue = p.getDouble("clipValue");
    double clipNorm = p.getDouble("clipNorm");
    if (clipValue <= 0 && clipNorm <= 0) {
      return grads;
    }
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (Operand<TFloat32> g : grads) {
      if (clipValue > 0) {
        g =
            tf.math.minimum(
                tf.math.maximum(g, tf.constant((float) -clipValue)),
                tf.constant((float) clipValue));
      }
      if (clipNorm > 0) { // g * c / max(|g|, c)
        Operand<TFloat32> norm =
            tf.math.sqrt(
                tf.reduceSum(tf.math.square(g), tf.constant(axes(g.shape().numDimensions()))));
        Operand<TFloat32> c = tf.constant((float) clipNorm);
        g = tf.math.div(tf.math.mul(g, c), tf.math.maximum(norm, c));
      }
      out.add(g);
    }
    return out;
  }

  private static int[] axes(int rank) {
    int[] a = new int[rank];
    for (int i = 0; i < rank; i++) {
      a[i] = i;
    }
    return a;
  }

  /** The per-variable update rules, sharing the step's constants. */
  private static final class Step {
    private final Ops tf;
    private final Params p;
    private final Operand<TFloat32> lr;
    private final Operand<TFloat32> step;

    Step(Ops tf, Params p, Operand<TFloat32> lr, Operand<TFloat32> step) {
      this.tf = tf;
      this.p = p;
      this.lr = lr;
      this.step = step;
    }

    /** g^2, or Keras' sum of squared slices for a gathered variable. */
    private Operand<TFloat32> square(Operand<TFloat32> g, Operand<TFloat32> sq) {
      return sq != null ? sq : tf.math.square(g);
    }

    private Operand<TFloat32> c(double v) {
      return tf.constant((float) v);
    }

    Op apply(
        OptimizerType type,
        int i,
        Variable<TFloat32> w,
        Operand<TFloat32> g,
        Operand<TFloat32> sq,
        Slots slots,
        Operand<TFloat32> nadamProduct) {
      // Each optimizer reads only the parameters it takes (OptimizerType#params): SGD and Ftrl have
      // no epsilon.
      double b1 = p.has("beta1") ? p.getDouble("beta1") : 0;
      double b2 = p.has("beta2") ? p.getDouble("beta2") : 0;
      double eps = p.has("epsilon") ? p.getDouble("epsilon") : 0;
      switch (type) {
        case SGD -> {
          double momentum = p.getDouble("momentum");
          if (momentum == 0) {
            return tf.train.applyGradientDescent(w, lr, g);
          }
          // Keras 3: m = momentum m - lr g; w += m, or with Nesterov w += momentum m - lr g. (TF's
          // ApplyMomentum
          // keeps a = m a + g instead, which equals -m / lr only while the learning rate stays
          // fixed.)
          Variable<TFloat32> m = slots.slot(i, w, "momentum", 0);
          Operand<TFloat32> lrG = tf.math.mul(g, lr);
          Operand<TFloat32> mNew = tf.assign(m, tf.math.sub(tf.math.mul(m, c(momentum)), lrG));
          return tf.assignAdd(
              w,
              p.getBoolean("nesterov") ? tf.math.sub(tf.math.mul(mNew, c(momentum)), lrG) : mNew);
        }
        case ADAM, ADAMW -> {
          Op decay = null;
          if (type == OptimizerType.ADAMW) { // decoupled: w -= lr * wd * w before the Adam step
            decay = tf.assignSub(w, tf.math.mul(w, tf.math.mul(lr, c(p.getDouble("weightDecay")))));
          }
          Ops t = decay == null ? tf : tf.withControlDependencies(List.of(decay));
          Variable<TFloat32> m = slots.slot(i, w, "m", 0);
          Variable<TFloat32> v = slots.slot(i, w, "v", 0);
          Operand<TFloat32> b1Power = t.math.pow(c(b1), step);
          Operand<TFloat32> b2Power = t.math.pow(c(b2), step);
          boolean amsgrad = p.getBoolean("amsgrad");
          if (!amsgrad
              && sq == null) { // TF's kernel is Keras 3's update: alpha = lr sqrt(1 - b2^t) / (1 -
            // b1^t), eps outside
            return t.train.applyAdam(w, m, v, b1Power, b2Power, lr, c(b1), c(b2), c(eps), g);
          }
          Operand<TFloat32> mNew = t.assignAdd(m, t.math.mul(t.math.sub(g, m), c(1 - b1)));
          Operand<TFloat32> vNew =
              t.assignAdd(v, t.math.mul(t.math.sub(square(g, sq), v), c(1 - b2)));
          if (amsgrad) {
            vNew =
                t.assign(
                    slots.slot(i, w, "vhat", 0), t.math.maximum(slots.slot(i, w, "vhat", 0), vNew));
          }
          Operand<TFloat32> lrT =
              t.math.div(
                  t.math.mul(lr, t.math.sqrt(t.math.sub(c(1), b2Power))),
                  t.math.sub(c(1), b1Power));
          return t.assignSub(
              w, t.math.div(t.math.mul(mNew, lrT), t.math.add(t.math.sqrt(vNew), c(eps))));
        }
        case RMSPROP -> {
          if (sq
              != null) { // Keras 3: v = rho v + (1 - rho) g^2; inc = lr g / sqrt(v + eps); w -= inc
            // (or momentum of inc)
            Variable<TFloat32> rms = slots.slot(i, w, "rms", 0);
            Variable<TFloat32> mom = slots.slot(i, w, "momentum", 0);
            double rho = p.getDouble("rho");
            Operand<TFloat32> vNew =
                tf.assign(rms, tf.math.add(tf.math.mul(rms, c(rho)), tf.math.mul(sq, c(1 - rho))));
            Operand<TFloat32> inc =
                tf.math.div(tf.math.mul(lr, g), tf.math.sqrt(tf.math.add(vNew, c(eps))));
            Operand<TFloat32> momNew =
                tf.assign(mom, tf.math.add(tf.math.mul(mom, c(p.getDouble("momentum"))), inc));
            return tf.assignSub(w, momNew);
          }
          return tf.train.applyRmsProp(
              w,
              slots.slot(i, w, "rms", 0),
              slots.slot(i, w, "momentum", 0),
              lr,
              c(p.getDouble("rho")),
              c(p.getDouble("momentum")),
              c(eps),
              g);
        }
        case ADAGRAD -> { // Keras: acc += g^2; w -= lr g / sqrt(acc + eps)
          Variable<TFloat32> acc =
              slots.slot(i, w, "accumulator", (float) p.getDouble("initialAccumulatorValue"));
          Operand<TFloat32> accNew = tf.assignAdd(acc, square(g, sq));
          return tf.assignSub(
              w, tf.math.mul(tf.math.mul(lr, g), tf.math.rsqrt(tf.math.add(accNew, c(eps)))));
        }
        case ADADELTA -> {
          return tf.train.applyAdadelta(
              w,
              slots.slot(i, w, "accumulated_grad", 0),
              slots.slot(i, w, "accumulated_delta", 0),
              lr,
              c(p.getDouble("rho")),
              c(eps),
              g);
        }
        case ADAMAX -> {
          return tf.train.applyAdaMax(
              w,
              slots.slot(i, w, "m", 0),
              slots.slot(i, w, "u", 0),
              tf.math.pow(c(b1), step),
              lr,
              c(b1),
              c(b2),
              c(eps),
              g);
        }
        case NADAM -> {
          return nadam(i, w, g, sq, slots, nadamProduct, b1, b2, eps);
        }
        case FTRL -> {
          return tf.train.applyFtrl(
              w,
              slots.slot(i, w, "accumulator", (float) p.getDouble("initialAccumulatorValue")),
              slots.slot(i, w, "linear", 0),
              g,
              lr,
              c(p.getDouble("l1RegularizationStrength")),
              c(p.getDouble("l2RegularizationStrength")),
              c(0),
              c(p.getDouble("learningRatePower")));
        }
        default -> throw new IllegalArgumentException("optimizer " + type + " is not supported");
      }
    }

    /** Keras 3's momentum-cache product, advanced once per step; returns this step's product. */
    Operand<TFloat32> nadamProduct(Slots slots, List<Op> applied) {
      Variable<TFloat32> product = slots.scalar("u_product", 1f);
      Operand<TFloat32> next = tf.math.mul(product, u(step));
      applied.add(tf.assign(product, next));
      return next;
    }

    private Operand<TFloat32> u(Operand<TFloat32> t) {
      double b1 = p.getDouble("beta1");
      return tf.math.mul(c(b1), tf.math.sub(c(1), tf.math.mul(c(0.5), tf.math.pow(c(0.96), t))));
    }

    private Op nadam(
        int i,
        Variable<TFloat32> w,
        Operand<TFloat32> g,
        Operand<TFloat32> sq,
        Slots slots,
        Operand<TFloat32> product,
        double b1,
        double b2,
        double eps) {
      Operand<TFloat32> uT = u(step);
      Operand<TFloat32> uT1 = u(tf.math.add(step, c(1)));
      Operand<TFloat32> productT1 = tf.math.mul(product, uT1);
      Variable<TFloat32> m = slots.slot(i, w, "m", 0);
      Variable<TFloat32> v = slots.slot(i, w, "v", 0);
      Operand<TFloat32> mNew = tf.assignAdd(m, tf.math.mul(tf.math.sub(g, m), c(1 - b1)));
      Operand<TFloat32> vNew =
          tf.assignAdd(v, tf.math.mul(tf.math.sub(square(g, sq), v), c(1 - b2)));
      Operand<TFloat32> mHat =
          tf.math.add(
              tf.math.div(tf.math.mul(uT1, mNew), tf.math.sub(c(1), productT1)),
              tf.math.div(tf.math.mul(tf.math.sub(c(1), uT), g), tf.math.sub(c(1), product)));
      Operand<TFloat32> vHat = tf.math.div(vNew, tf.math.sub(c(1), tf.math.pow(c(b2), step)));
      return tf.assignSub(
          w, tf.math.div(tf.math.mul(mHat, lr), tf.math.add(tf.math.sqrt(vHat), c(eps))));
    }
  }
}
