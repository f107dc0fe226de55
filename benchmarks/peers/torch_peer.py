"""The workloads of WORKLOADS.md in PyTorch (CPU, eager), as a PyTorch user would write them.

    python torch_peer.py <w1|w2|w3|predict> [--epochs N] [--seed S]

Prints, as the Java benchmark does:

    BENCH <workload> pytorch examples_per_sec=<n> final_loss=<x> train_loss=<x>
    BENCH predict pytorch batch256_examples_per_sec=<n>        (W1 inference, batches of 256)

Same protocol as keras_peer.py: data first, model built (Keras' initializers where PyTorch's
differ would change the training, so each layer is initialized as Keras initializes it), Adam 1e-3
with Keras' epsilon 1e-7, 20 warm-up steps, each epoch timed alone (batches in order), median
epoch, final loss on the whole training set in eval mode.
"""

import argparse
import os
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workloads  # noqa: E402


class W1(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(10_000, 64)
        self.lstm = nn.LSTM(64, 64, batch_first=True)
        self.dropout = nn.Dropout(0.5)
        self.dense = nn.Linear(64, 1)
        nn.init.uniform_(self.embedding.weight, -0.05, 0.05)
        for name, p in self.lstm.named_parameters():
            if "weight_ih" in name:
                nn.init.xavier_uniform_(p)
            elif "weight_hh" in name:
                nn.init.orthogonal_(p)
            else:
                nn.init.zeros_(p)
        with torch.no_grad():  # Keras' unit_forget_bias: PyTorch's gate order is i, f, g, o
            self.lstm.bias_ih_l0[64:128].fill_(1.0)
        nn.init.xavier_uniform_(self.dense.weight)
        nn.init.zeros_(self.dense.bias)

    def forward(self, x):
        _, (h, _) = self.lstm(self.embedding(x))
        return self.dense(self.dropout(h[-1]))


def w2():
    m = nn.Sequential(nn.Linear(32, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 1))
    for layer in m:
        if isinstance(layer, nn.Linear):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)
    return m


def w3():
    m = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(32 * 13 * 13, 10))
    for layer in m:
        if isinstance(layer, (nn.Linear, nn.Conv2d)):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)
    return m


def setup(workload, seed):
    x, y, batch = workloads.data(workload, workloads.DATA_SEED)
    torch.manual_seed(seed)
    if workload == "w1":
        return W1(), torch.from_numpy(x.astype("int64")), torch.from_numpy(y), batch, nn.BCEWithLogitsLoss()
    if workload == "w2":
        return w2(), torch.from_numpy(x), torch.from_numpy(y), batch, nn.BCEWithLogitsLoss()
    # NHWC -> NCHW, PyTorch's layout
    return w3(), torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2))), torch.from_numpy(y.astype("int64")), \
        batch, nn.CrossEntropyLoss()


def train(workload, epochs, seed):
    model, x, y, batch, loss_fn = setup(workload, seed)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    steps = len(x) // batch

    def step(i):
        xb, yb = x[i * batch:(i + 1) * batch], y[i * batch:(i + 1) * batch]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        return loss.detach()

    model.train()
    for i in range(20):
        step(i)
    rates = []
    train_loss = torch.zeros(())
    for _ in range(epochs):
        start = time.perf_counter()
        train_loss = torch.zeros(())
        for i in range(steps):
            train_loss += step(i)
        rates.append(len(x) / (time.perf_counter() - start))
    model.eval()
    with torch.no_grad():
        total = 0.0
        for i in range(0, len(x), 1024):
            total += loss_fn(model(x[i:i + 1024]), y[i:i + 1024]).item() * len(x[i:i + 1024])
    print(f"BENCH {workload} pytorch examples_per_sec={statistics.median(rates):.0f} final_loss={total / len(x):.4f} "
          f"train_loss={train_loss.item() / steps:.4f}",
          flush=True)
    print(f"# pytorch {workload}: epochs {[round(r) for r in rates]} ex/s, torch {torch.__version__}, "
          f"{torch.get_num_threads()} threads", file=sys.stderr)


def predict(seed):
    model, x, _, _, _ = setup("w1", seed)
    model.eval()
    with torch.inference_mode():
        for i in range(10):
            model(x[i * 256:(i + 1) * 256])
        start = time.perf_counter()
        for i in range(100):
            model(x[i * 256:(i + 1) * 256])
        rate = 100 * 256 / (time.perf_counter() - start)
    print(f"BENCH predict pytorch batch256_examples_per_sec={rate:.0f}", flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("workload", choices=["w1", "w2", "w3", "predict"])
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    if a.workload == "predict":
        predict(a.seed)
    else:
        train(a.workload, a.epochs, a.seed)


main()
