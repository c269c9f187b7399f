#!/usr/bin/env python3
"""PyTorch reference of Mentia's training protocol (../../../shared/docs/science.md, "One training run").

FCNN 784-width^depth-10, PyTorch default init, ReLU then inverted dropout (nn.Dropout, rate p_t) after every
hidden layer, cross-entropy, Adam (lr 1e-3, no weight decay), ReduceLROnPlateau (factor 0.5, patience 5),
early stopping on the validation loss (patience 10) keeping the best epoch's weights, batch 64.

Modes:
  train   the whole protocol for one run, prints per-epoch curves and the test loss/accuracy; with --passes m
          --eval-rates a,b,... also m dropout passes at every p_e (Mentia's evaluation), timed apart.
  bench   times the mini-batch loop only (samples/s), as Mentia's EngineBench does; prints one JSON line.
  ensemble  (GPU comparison) R models stacked as [R, in, out] trained with bmm on their own batches, times
          replica-samples/s; same step structure as Mentia's EnsembleTrainer.
Run through run.sh, which makes torch use OpenBLAS and pins the thread count.
"""
import argparse, gzip, json, os, struct, time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_mnist(folder):
    xtr = read_idx(os.path.join(folder, "train-images-idx3-ubyte")).reshape(-1, 784).astype(np.float32) / 255.0
    ytr = read_idx(os.path.join(folder, "train-labels-idx1-ubyte")).astype(np.int64)
    xte = read_idx(os.path.join(folder, "t10k-images-idx3-ubyte")).reshape(-1, 784).astype(np.float32) / 255.0
    yte = read_idx(os.path.join(folder, "t10k-labels-idx1-ubyte")).astype(np.int64)
    return torch.from_numpy(xtr), torch.from_numpy(ytr), torch.from_numpy(xte), torch.from_numpy(yte)


class Fcnn(nn.Module):
    def __init__(self, width, depth, p):
        super().__init__()
        dims = [784] + [width] * depth
        self.hidden = nn.ModuleList(nn.Linear(a, b) for a, b in zip(dims[:-1], dims[1:]))
        self.output = nn.Linear(width, 10)
        self.p = p

    def forward(self, x, p=None):
        p = self.p if p is None else p
        for lin in self.hidden:
            x = F.dropout(F.relu(lin(x)), p=p, training=p > 0)
        return self.output(x)


def split(seed, n, validation, total=60000):
    g = torch.Generator().manual_seed(seed)
    perm = torch.randperm(total, generator=g)
    return perm[:validation], perm[validation:validation + n]


def mean_loss(model, x, y, p=0.0, chunk=2000):
    with torch.no_grad():
        s = 0.0
        for i in range(0, len(x), chunk):
            s += F.cross_entropy(model(x[i:i + chunk], p), y[i:i + chunk], reduction="sum").item()
    return s / len(x)


def train(args, data):
    xtr, ytr, xte, yte = data
    torch.manual_seed(args.seed)
    val, sub = split(args.seed, args.n, args.validation)
    xv, yv, xs, ys = xtr[val], ytr[val], xtr[sub], ytr[sub]
    model = Fcnn(args.width, args.depth, args.p)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=0.5, patience=args.plateau_patience)
    best, best_state, since = float("inf"), None, 0
    start = time.perf_counter()
    for epoch in range(1, args.max_epochs + 1):
        order = torch.randperm(args.n)
        for i in range(0, args.n, args.batch):
            idx = order[i:i + args.batch]
            loss = F.cross_entropy(model(xs[idx]), ys[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        v = mean_loss(model, xv, yv)
        sched.step(v)
        print(json.dumps({"epoch": epoch, "validation_loss": v, "lr": opt.param_groups[0]["lr"]}))
        if v < best:
            best, since = v, 0
            best_state = {k: t.clone() for k, t in model.state_dict().items()}
        else:
            since += 1
            if since >= args.early_stop_patience:
                break
    model.load_state_dict(best_state)
    train_seconds = time.perf_counter() - start
    # Mentia's evaluation protocol: m passes at every p_e over the 10,000 test images, each its own dropout masks.
    start = time.perf_counter()
    rates = [float(r) for r in args.eval_rates.split(",")] if args.passes > 0 else []
    with torch.no_grad():
        for pe in rates:
            for _ in range(args.passes):
                logits = model(xte, pe)
                F.cross_entropy(logits, yte).item()
                (logits.argmax(1) == yte).float().mean().item()
        logits = model(xte, 0.0)
        print(json.dumps({"best_validation_loss": best, "test_loss": F.cross_entropy(logits, yte).item(),
                          "test_accuracy": (logits.argmax(1) == yte).float().mean().item(), "epochs": epoch,
                          "train_seconds": train_seconds, "eval_seconds": time.perf_counter() - start,
                          "passes": len(rates) * args.passes, "threads": torch.get_num_threads()}))


def bench(args, data):
    xtr, ytr, _, _ = data
    torch.manual_seed(args.seed)
    _, sub = split(args.seed, args.n, args.validation)
    xs, ys = xtr[sub].to(args.device), ytr[sub].to(args.device)
    model = Fcnn(args.width, args.depth, args.p).to(args.device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    def epoch():
        order = torch.randperm(args.n, device=args.device)
        for i in range(0, args.n, args.batch):
            idx = order[i:i + args.batch]
            loss = F.cross_entropy(model(xs[idx]), ys[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        if args.device != "cpu":
            torch.cuda.synchronize()
    epoch()  # warm-up
    best = float("inf")  # the machine may be shared: the fastest epoch is the least disturbed
    for _ in range(args.epochs):
        t = time.perf_counter()
        epoch()
        best = min(best, time.perf_counter() - t)
    print(json.dumps({"mode": "single", "device": args.device, "threads": torch.get_num_threads(), "width": args.width,
                      "depth": args.depth, "batch": args.batch, "samples_per_s": args.n / best,
                      "blas": blas_name()}))


def ensemble(args, data):
    """R stacked models, each its own batch and masks: bmm forward, autograd backward, one Adam over the stacks."""
    xtr, ytr, _, _ = data
    dev, R, B = args.device, args.replicas, args.batch
    xs, ys = xtr[:args.n].to(dev), ytr[:args.n].to(dev)
    dims = [784] + [args.width] * args.depth + [10]
    params = []
    for a, b in zip(dims[:-1], dims[1:]):
        bound = 1 / a ** 0.5
        params.append(((torch.rand(R, a, b, device=dev) * 2 - 1) * bound).requires_grad_())
        params.append(((torch.rand(R, 1, b, device=dev) * 2 - 1) * bound).requires_grad_())
    opt = torch.optim.Adam(params, lr=1e-3, foreach=True)
    keep = 1 - args.p
    steps = max(1, args.n // B)
    def run(k):
        for _ in range(k):
            idx = torch.randint(0, args.n, (R, B), device=dev)
            h, y = xs[idx], ys[idx]
            for l in range(args.depth):
                h = torch.relu(torch.baddbmm(params[2 * l + 1], h, params[2 * l]))
                h = h * (torch.rand_like(h) < keep) / keep
            logits = torch.baddbmm(params[-1], h, params[-2])
            loss = F.cross_entropy(logits.reshape(-1, 10), y.reshape(-1)) * R
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        if dev != "cpu":
            torch.cuda.synchronize()
    run(20)
    t = time.perf_counter()
    run(steps * args.epochs)
    dt = time.perf_counter() - t
    print(json.dumps({"mode": "ensemble", "device": dev, "replicas": R, "width": args.width, "depth": args.depth,
                      "batch": B, "replica_samples_per_s": steps * args.epochs * R * B / dt}))


def blas_name():
    cfg = torch.__config__.show()
    for line in cfg.splitlines():
        if "BLAS_INFO" in line:
            return line.strip()
    return "unknown"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["train", "bench", "ensemble"])
    ap.add_argument("--mnist-dir", default=os.environ.get("MENTIA_MNIST_DIR", ".work/mnist"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--width", type=int, default=100)
    ap.add_argument("--depth", type=int, default=2)
    ap.add_argument("--p", type=float, default=0.2)
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--validation", type=int, default=10000)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--replicas", type=int, default=16)
    ap.add_argument("--max-epochs", type=int, default=200)
    ap.add_argument("--plateau-patience", type=int, default=5)
    ap.add_argument("--early-stop-patience", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--passes", type=int, default=0, help="train mode: evaluation passes at each of --eval-rates after training")
    ap.add_argument("--eval-rates", default="0.0", help="train mode: comma-separated p_e")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    data = load_mnist(args.mnist_dir)
    {"train": train, "bench": bench, "ensemble": ensemble}[args.mode](args, data)


if __name__ == "__main__":
    main()
