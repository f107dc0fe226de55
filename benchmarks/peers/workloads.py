"""The data of WORKLOADS.md, made from a fixed seed, for the Python peers (NumPy only).

The Java benchmark makes the same distributions with its own generator (Data.java); the numbers
differ, the rules and sizes do not. For W1 the benchmark driver passes its own tokens
(BENCH_W1_TOKENS, a .npy file written by Data.writeTokens), so that W1's losses compare on the
same data; the labels follow from the tokens by the same integer rule.
"""

import os

import numpy as np


DATA_SEED = 1
"""The data's seed: fixed, as WORKLOADS.md asks; --seed of the peers seeds only the model (weights, dropout)."""


def data(workload, seed):
    """(features, labels, batch size) of a workload."""
    r = np.random.default_rng(seed)
    if workload == "w1":
        x = r.integers(1, 10_000, size=(25_600, 100)).astype("int32")
        if os.environ.get("BENCH_W1_TOKENS"):  # the Java benchmark's own tokens (Bench dump-w1 <file>)
            x = np.load(os.environ["BENCH_W1_TOKENS"]).astype("int32")
        y = (((x >= 1) & (x <= 500)).sum(1) > ((x >= 501) & (x <= 1000)).sum(1)).astype("float32")[:, None]
        return x, y, 64
    if workload == "w2":
        x = r.standard_normal((204_800, 32)).astype("float32")
        y = (x[:, :8].sum(1) > 0).astype("float32")[:, None]
        return x, y, 512
    if workload == "w3":
        x = r.uniform(0, 1, size=(12_800, 28, 28, 1)).astype("float32")
        bands = np.stack([x[:, 4 + 2 * k:6 + 2 * k, :, 0].sum((1, 2)) for k in range(10)], 1)
        y = bands.argmax(1).astype("int32")
        return x, y, 128
    raise ValueError(workload)
