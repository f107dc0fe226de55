"""The workloads of WORKLOADS.md in Keras 3, as a Keras user would run them (model.fit on NumPy arrays).

    python keras_peer.py <w1|w2|w3> [--epochs N] [--seed S] [--backend tensorflow|jax] [--xla]

Prints one line, as the Java benchmark does:

    BENCH <workload> keras-tensorflow|keras-tensorflow-xla|keras-jax examples_per_sec=<n> final_loss=<x> train_loss=<x>

Protocol (the same as kestimator's, see benchmarks/README.md): data made from a fixed seed first;
model built and compiled (Adam 1e-3); 20 warm-up steps; then each epoch (every batch of the data
set in order, no shuffling) timed on its own with one model.fit(epochs=1) call; examples_per_sec is
the median epoch's; final_loss is the whole training set evaluated after the last epoch. Run each
system in its own process; the backend is chosen before Keras is imported.
"""

import argparse
import os
import statistics
import sys
import time


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("workload", choices=["w1", "w2", "w3"])
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--backend", choices=["tensorflow", "jax"], default="tensorflow")
    p.add_argument("--xla", action="store_true", help="jit_compile=True (TensorFlow backend; JAX always compiles)")
    return p.parse_args()


args = parse()
os.environ["KERAS_BACKEND"] = args.backend
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workloads  # noqa: E402


def model_of(w):
    if w == "w1":
        return keras.Sequential([keras.Input((100,), dtype="int32"), layers.Embedding(10_000, 64), layers.LSTM(64),
                                 layers.Dropout(0.5), layers.Dense(1, activation="sigmoid")]), "binary_crossentropy"
    if w == "w2":
        return keras.Sequential([keras.Input((32,)), layers.Dense(256, activation="relu"),
                                 layers.Dense(256, activation="relu"),
                                 layers.Dense(1, activation="sigmoid")]), "binary_crossentropy"
    return keras.Sequential([keras.Input((28, 28, 1)), layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(2),
                             layers.Flatten(), layers.Dense(10, activation="softmax")]), \
        "sparse_categorical_crossentropy"


def main():
    w = args.workload
    x, y, batch = workloads.data(w, workloads.DATA_SEED)
    keras.utils.set_random_seed(args.seed)
    model, loss = model_of(w)
    jit = args.xla if args.backend == "tensorflow" else "auto"
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss=loss, jit_compile=jit)
    model.fit(x[:20 * batch], y[:20 * batch], batch_size=batch, epochs=1, shuffle=False, verbose=0)  # 20 warm-up steps
    rates = []
    train_loss = float("nan")
    for _ in range(args.epochs):
        start = time.perf_counter()
        history = model.fit(x, y, batch_size=batch, epochs=1, shuffle=False, verbose=0)
        rates.append(len(x) / (time.perf_counter() - start))
        train_loss = history.history["loss"][-1]
    final = model.evaluate(x, y, batch_size=1024, verbose=0)
    system = "keras-" + args.backend + ("-xla" if args.xla and args.backend == "tensorflow" else "")
    print(f"BENCH {w} {system} examples_per_sec={statistics.median(rates):.0f} final_loss={final:.4f} "
          f"train_loss={train_loss:.4f}", flush=True)
    print(f"# {system} {w}: epochs {[round(r) for r in rates]} ex/s, keras {keras.__version__}", file=sys.stderr)


main()
