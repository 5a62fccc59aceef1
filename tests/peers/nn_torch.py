#!/usr/bin/python3
"""Peer measurement for `make bench-peers`: PyTorch (one thread) on the
workloads periodbench's `bench` times - Adam training steps per second of a
3 x 64 GELU MLP and a 3 x 64 SIREN (w0 = 30), batch 32 and 256, one input and
one output, float32 (PyTorch's default) and float64 (ours); and sgd-sin as
the seed wrote it (w * x, plain SGD, lr 1e-4, batch 32). Prints CSV rows
benchmark,params,metric,value,unit. A measurement tool, not part of the product."""
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(0)


class Sine(torch.nn.Module):
    def forward(self, x):
        return torch.sin(30.0 * x)


def mlp(act, dtype):
    layers, width = [], 64
    for i in range(3):
        layers += [torch.nn.Linear(1 if i == 0 else width, width), act()]
    layers.append(torch.nn.Linear(width, 1))
    return torch.nn.Sequential(*layers).to(dtype)


def steps_per_second(model, batch, steps, dtype):
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    x = torch.rand(batch, 1, dtype=dtype) * 2 - 1
    y = torch.sin(5 * x)
    for _ in range(20):  # warm-up
        opt.zero_grad()
        torch.nn.functional.mse_loss(model(x), y).backward()
        opt.step()
    best = []
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(steps):
            opt.zero_grad()
            torch.nn.functional.mse_loss(model(x), y).backward()
            opt.step()
        best.append(steps / (time.perf_counter() - start))
    best.sort()
    return best[1]  # the median of three


for name, act in (("gelu", torch.nn.GELU), ("siren", Sine)):
    for batch, steps in ((32, 1000), (256, 200)):
        for dtype, dname in ((torch.float32, "float"), (torch.float64, "double")):
            rate = steps_per_second(mlp(act, dtype), batch, steps, dtype)
            print("torch-nn-train,%s;width=64;depth=3;batch=%d;adam;%s,steps_per_second,%.6g,1/s"
                  % (name, batch, dname, rate))

# sgd-sin as the seed wrote it: y = sin(w x), x ~ U(-1000, 1000), plain SGD, lr 1e-4, batch 32.
w = torch.randn(1, requires_grad=True)
opt = torch.optim.SGD([w], lr=1e-4)
steps = 20000
start = time.perf_counter()
for _ in range(steps):
    x = torch.rand(32) * 2000 - 1000
    loss = ((torch.sin(w * x) - torch.sin(31 * x)) ** 2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
print("torch-sgd-sin,sin31;batch=32,steps_per_second,%.6g,1/s" % (steps / (time.perf_counter() - start)))
