#!/usr/bin/env python3
"""Peer baselines for the Swift deep-learning REPL: train/infer throughput of
three small Keras-style models on synthetic integer-token data (fixed seed).

Usage (one framework per process; the Keras backend is fixed at import):
  python peer_lstm.py --framework torch        [--configs lstm,cnn,lstm2048]
  python peer_lstm.py --framework keras-jax    [--configs ...]
  python peer_lstm.py --framework keras-torch  [--configs ...]

Configs (all: Adam lr=1e-3, 2 CPU threads):
  lstm     Embedding(5000,32) len 500 -> LSTM(100) -> Dense(1,sigmoid); BCE; batch 64
  cnn      Embedding(20000,100) len 128 -> Dropout(0.2) -> Conv1D(250,3,relu)
           -> MaxPooling1D(3) -> Flatten -> Dense(100,relu) -> Dense(2,softmax);
           sparse categorical CE; batch 64
  lstm2048 Embedding(20000,32) len 400 -> LSTM(100) -> Dense(1,sigmoid); BCE; batch 2048
  fullsize Embedding(926454,256) len 256 -> LSTM(256) -> Dense(2,softmax); sparse
           categorical CE; batch 32 (seed 000's LSTM, 237,698,818 params; on request only)
  gru      the lstm config with GRU(100); bilstm: with Bidirectional(LSTM(100)), 20 train
           batches (lab's `gru` and `bilstm`; on request only)

Copied from ../shared/bench/peer_lstm.py and extended with `fullsize` (lab's
`lab bench --configs fullsize`), `gru` and `bilstm` and the process's peak RSS (ru_maxrss, MB) per row;
run one config per process when comparing RSS, as the peak covers the whole process:
  /work/venv-torch/bin/python scripts/peer_lstm.py --framework torch --configs fullsize

Throughput = samples / wall-seconds over the timed batches, measured after
warm-up batches (which include any JIT compilation; their time is reported
separately as 'first_s').  Results are printed as a table and appended as
JSON lines to peer_results.jsonl next to this file.
"""
import argparse
import json
import os
import platform
import resource
import sys
import time

THREADS = 2

CONFIGS = {
    # name: (vocab, seqlen, batch, train_batches, infer_batches, warmup_batches)
    "lstm": dict(vocab=5000, seqlen=500, batch=64, train_batches=40, infer_batches=60, warmup=2),
    "cnn": dict(vocab=20000, seqlen=128, batch=64, train_batches=150, infer_batches=300, warmup=3),
    "lstm2048": dict(vocab=20000, seqlen=400, batch=2048, train_batches=3, infer_batches=3, warmup=1),
    "gru": dict(vocab=5000, seqlen=500, batch=64, train_batches=40, infer_batches=60, warmup=2),
    "bilstm": dict(vocab=5000, seqlen=500, batch=64, train_batches=20, infer_batches=30, warmup=2),
    "fullsize": dict(vocab=926454, seqlen=256, batch=32, train_batches=20, infer_batches=10, warmup=2),
}


def flops_per_sample_fwd(name):
    """Matmul/conv FLOPs (2*MAC) of the forward pass for one sample."""
    if name in ("lstm", "lstm2048"):
        E, H = 32, 100
        T = 500 if name == "lstm" else 400
        return T * 2 * (E + H) * 4 * H + 2 * H * 1
    if name == "gru":
        E, H, T = 32, 100, 500
        return T * 2 * (E + H) * 3 * H + 2 * H * 1
    if name == "bilstm":
        E, H, T = 32, 100, 500
        return 2 * T * 2 * (E + H) * 4 * H + 2 * (2 * H) * 1
    if name == "fullsize":
        E = H = T = 256
        return T * 2 * (E + H) * 4 * H + 2 * H * 2
    if name == "cnn":
        L, E, F, K = 128, 100, 250, 3
        Lc = L - K + 1            # 126 (valid conv)
        Lp = Lc // 3              # 42
        return 2 * Lc * F * K * E + 2 * (Lp * F) * 100 + 2 * 100 * 2
    raise ValueError(name)


def make_data(cfg, n, seed, classes2=False):
    import numpy as np
    rng = np.random.default_rng(seed)
    x = rng.integers(0, cfg["vocab"], size=(n, cfg["seqlen"]), dtype=np.int64)
    y = rng.integers(0, 2, size=(n,), dtype=np.int64)
    return x, y


# --------------------------------------------------------------------------- torch
def run_torch(name, cfg):
    import numpy as np
    import torch
    import torch.nn as nn
    torch.set_num_threads(THREADS)
    torch.manual_seed(0)

    class LSTMNet(nn.Module):
        def __init__(self, vocab):
            super().__init__()
            self.emb = nn.Embedding(vocab, 32)
            self.lstm = nn.LSTM(32, 100, batch_first=True)
            self.fc = nn.Linear(100, 1)

        def forward(self, x):
            _, (h, _) = self.lstm(self.emb(x))
            return torch.sigmoid(self.fc(h[-1])).squeeze(1)

    class RecurrentNet(nn.Module):
        """The lstm config's model with GRU(100) or Bidirectional(LSTM(100)) (lab's gru and bilstm)."""
        def __init__(self, vocab, kind):
            super().__init__()
            self.emb = nn.Embedding(vocab, 32)
            self.rnn = nn.GRU(32, 100, batch_first=True) if kind == "gru" else nn.LSTM(32, 100, batch_first=True, bidirectional=True)
            self.fc = nn.Linear(100 if kind == "gru" else 200, 1)

        def forward(self, x):
            _, h = self.rnn(self.emb(x))
            h = h if isinstance(h, torch.Tensor) else h[0]
            last = h[-1] if h.shape[0] == 1 else torch.cat([h[0], h[1]], dim=1)   # forward then backward, as Keras concat
            return torch.sigmoid(self.fc(last)).squeeze(1)

    class FullSizeNet(nn.Module):
        def __init__(self, vocab):
            super().__init__()
            self.emb = nn.Embedding(vocab, 256)
            self.lstm = nn.LSTM(256, 256, batch_first=True)
            self.fc = nn.Linear(256, 2)

        def forward(self, x):
            _, (h, _) = self.lstm(self.emb(x))
            return self.fc(h[-1])                             # logits; softmax folded into CE loss

    class CNNNet(nn.Module):
        def __init__(self, vocab):
            super().__init__()
            self.emb = nn.Embedding(vocab, 100)
            self.drop = nn.Dropout(0.2)
            self.conv = nn.Conv1d(100, 250, 3)
            self.pool = nn.MaxPool1d(3)
            self.fc1 = nn.Linear(42 * 250, 100)
            self.fc2 = nn.Linear(100, 2)

        def forward(self, x):
            h = self.drop(self.emb(x)).transpose(1, 2)        # (B, 100, 128)
            h = self.pool(torch.relu(self.conv(h)))           # (B, 250, 42)
            h = h.transpose(1, 2).flatten(1)                  # Keras-style (steps, channels) flatten
            h = torch.relu(self.fc1(h))
            return self.fc2(h)                                # logits; softmax folded into CE loss

    if name == "cnn":
        model = CNNNet(cfg["vocab"])
        loss_fn = nn.CrossEntropyLoss()                        # = softmax + sparse categorical CE
    elif name == "fullsize":
        model = FullSizeNet(cfg["vocab"])                      # dense embedding gradient, dense Adam (Keras's)
        loss_fn = nn.CrossEntropyLoss()
    elif name in ("gru", "bilstm"):
        model = RecurrentNet(cfg["vocab"], name)
        loss_fn = nn.BCELoss()
    else:
        model = LSTMNet(cfg["vocab"])
        loss_fn = nn.BCELoss()                                 # sigmoid output + BCE, as in Keras
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    B = cfg["batch"]
    nb = cfg["warmup"] + cfg["train_batches"]
    x, y = make_data(cfg, nb * B, seed=1)
    xt = torch.from_numpy(x)
    yt = torch.from_numpy(y) if name in ("cnn", "fullsize") else torch.from_numpy(y).float()

    def step(i):
        xb, yb = xt[i * B:(i + 1) * B], yt[i * B:(i + 1) * B]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        return loss.item()

    model.train()
    t0 = time.perf_counter()
    for i in range(cfg["warmup"]):
        step(i)
    first_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for i in range(cfg["warmup"], nb):
        loss = step(i)
    train_s = time.perf_counter() - t0

    nbi = cfg["infer_batches"]
    xi, _ = make_data(cfg, (nbi + 1) * B, seed=2)
    xit = torch.from_numpy(xi)
    model.eval()
    with torch.inference_mode():
        model(xit[:B])
        t0 = time.perf_counter()
        for i in range(1, nbi + 1):
            out = model(xit[i * B:(i + 1) * B])
        float(out.sum())
        infer_s = time.perf_counter() - t0
    return dict(first_s=first_s, train_samples=cfg["train_batches"] * B, train_s=train_s,
                infer_samples=nbi * B, infer_s=infer_s, final_loss=loss)


# --------------------------------------------------------------------------- keras
def run_keras(name, cfg):
    import numpy as np
    import keras
    from keras import layers
    keras.utils.set_random_seed(0)
    if keras.backend.backend() == "torch":
        import torch
        torch.set_num_threads(THREADS)

    L = cfg["seqlen"]
    if name == "cnn":
        model = keras.Sequential([
            keras.Input(shape=(L,), dtype="int32"),
            layers.Embedding(cfg["vocab"], 100),
            layers.Dropout(0.2),
            layers.Conv1D(250, 3, activation="relu"),
            layers.MaxPooling1D(3),
            layers.Flatten(),
            layers.Dense(100, activation="relu"),
            layers.Dense(2, activation="softmax"),
        ])
        model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
    elif name == "fullsize":
        model = keras.Sequential([
            keras.Input(shape=(L,), dtype="int32"),
            layers.Embedding(cfg["vocab"], 256),
            layers.LSTM(256),
            layers.Dense(2, activation="softmax"),
        ])
        model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
    else:
        recurrent = (layers.GRU(100) if name == "gru" else
                     layers.Bidirectional(layers.LSTM(100)) if name == "bilstm" else layers.LSTM(100))
        model = keras.Sequential([
            keras.Input(shape=(L,), dtype="int32"),
            layers.Embedding(cfg["vocab"], 32),
            recurrent,
            layers.Dense(1, activation="sigmoid"),
        ])
        model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy")

    B = cfg["batch"]
    nw, nt = cfg["warmup"], cfg["train_batches"]
    x, y = make_data(cfg, (nw + nt) * B, seed=1)
    x = x.astype("int32")
    y = y.astype("int32") if name in ("cnn", "fullsize") else y.astype("float32")

    # warm-up: includes tracing / XLA compilation of the train step
    t0 = time.perf_counter()
    model.fit(x[:nw * B], y[:nw * B], batch_size=B, epochs=1, verbose=0, shuffle=False)
    first_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    h = model.fit(x[nw * B:], y[nw * B:], batch_size=B, epochs=1, verbose=0, shuffle=False)
    train_s = time.perf_counter() - t0
    loss = float(h.history["loss"][-1])

    nbi = cfg["infer_batches"]
    xi, _ = make_data(cfg, nbi * B, seed=2)
    xi = xi.astype("int32")
    model.predict(xi[:B], batch_size=B, verbose=0)          # warm-up / compile
    t0 = time.perf_counter()
    model.predict(xi, batch_size=B, verbose=0)
    infer_s = time.perf_counter() - t0
    return dict(first_s=first_s, train_samples=nt * B, train_s=train_s,
                infer_samples=nbi * B, infer_s=infer_s, final_loss=loss)


def versions(fw):
    v = {"python": platform.python_version()}
    import numpy
    v["numpy"] = numpy.__version__
    if fw in ("torch", "keras-torch"):
        import torch
        v["torch"] = torch.__version__
    if fw.startswith("keras"):
        import keras
        v["keras"] = keras.__version__
    if fw == "keras-jax":
        import jax, jaxlib
        v["jax"] = jax.__version__
        v["jaxlib"] = jaxlib.__version__
    return v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--framework", required=True, choices=["torch", "keras-jax", "keras-torch"])
    ap.add_argument("--configs", default="lstm,cnn,lstm2048")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply timed batch counts")
    ap.add_argument("--peak", type=float, default=0.0,
                    help="sgemm peak GFLOP/s (2 threads) to express efficiency against")
    args = ap.parse_args()

    fw = args.framework
    if fw.startswith("keras"):
        os.environ["KERAS_BACKEND"] = fw.split("-")[1]
    runner = run_torch if fw == "torch" else run_keras
    vers = versions(fw)
    print(f"# framework={fw} versions={vers} threads={THREADS}", flush=True)
    hdr = f"{'framework':<12} {'config':<9} {'batch':>5} {'first_s':>8} {'train sps':>10} {'infer sps':>10} " \
          f"{'train GFLOP/s':>13} {'%peak':>6} {'ms/batch':>9} {'loss':>7} {'peak MB':>8}"
    rows = []
    for name in args.configs.split(","):
        cfg = dict(CONFIGS[name])
        for k in ("train_batches", "infer_batches"):
            cfg[k] = max(1, int(round(cfg[k] * args.scale)))
        r = runner(name, cfg)
        fl = flops_per_sample_fwd(name)
        tsps = r["train_samples"] / r["train_s"]
        isps = r["infer_samples"] / r["infer_s"]
        gfs = 3 * fl * tsps / 1e9
        r.update(framework=fw, config=name, batch=cfg["batch"], train_sps=tsps, infer_sps=isps,
                 fwd_mflop_per_sample=fl / 1e6, train_gflops=gfs,
                 infer_gflops=fl * isps / 1e9,
                 pct_peak=(100 * gfs / args.peak) if args.peak else None,
                 ms_per_train_batch=1e3 * r["train_s"] / cfg["train_batches"],
                 peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                 versions=vers, threads=THREADS, time=time.strftime("%Y-%m-%d %H:%M:%S"))
        rows.append(r)
        pk = f"{r['pct_peak']:6.1f}" if args.peak else f"{'-':>6}"
        if len(rows) == 1:
            print(hdr)
        print(f"{fw:<12} {name:<9} {cfg['batch']:>5} {r['first_s']:8.2f} {tsps:10.1f} {isps:10.1f} "
              f"{gfs:13.1f} {pk} {r['ms_per_train_batch']:9.1f} {r['final_loss']:7.4f} {r['peak_rss_mb']:8.0f}", flush=True)
        with open(os.environ.get("PEER_RESULTS", "peer_results.jsonl"), "a") as f:
            f.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    main()
