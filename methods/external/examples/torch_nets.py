#!/usr/bin/python3
"""torch-net: the suite's networks (GELU MLP, SIREN, Snake) in PyTorch, on
a GPU when there is one: the same budget parameters and rules as the C
networks (time mapped to [-1, 1] over the window, targets standardised,
mini-batches drawn with replacement, Adam), so a GPU can give them billions
of samples through the same harness."""
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.realpath(__file__)), ".."))
from periodbench_method import Method, Param, main  # noqa: E402


class TorchNet(Method):
    name, family = "torch-net", "sgd"
    summary = "GELU MLP, SIREN or Snake network in PyTorch (float32; CUDA when present), Adam"
    params = [Param("net", "choice", "gelu", choices=("gelu", "siren", "snake"), meaning="activation"),
              Param("steps", "int", 4000, 1, 1e12, "optimiser steps"),
              Param("batch", "int", 32, 1, 1 << 24, "mini-batch size (drawn with replacement)"),
              Param("lr", "real", 1e-3, 0, 10, "Adam's learning rate"),
              Param("width", "int", 64, 1, 65536, "units per hidden layer"),
              Param("depth", "int", 3, 1, 64, "hidden layers"),
              Param("device", "choice", "auto", choices=("auto", "cpu", "cuda"), meaning="auto: CUDA when present")]

    def fit(self, t, y, dy, prior, params, seed):
        import torch

        dev = params["device"]
        dev = ("cuda" if torch.cuda.is_available() else "cpu") if dev == "auto" else dev
        torch.manual_seed(seed % (1 << 63))
        self.t0, self.t1 = float(t[0]), float(t[-1])
        self.mean = sum(y) / len(y)
        self.sd = math.sqrt(sum((v - self.mean) ** 2 for v in y) / len(y)) or 1.0
        x = torch.tensor([self._scale(v) for v in t], dtype=torch.float32, device=dev).unsqueeze(1)
        z = torch.tensor([(v - self.mean) / self.sd for v in y], dtype=torch.float32, device=dev).unsqueeze(1)
        self.net = _network(torch, params["net"], params["width"], params["depth"]).to(dev)
        opt = torch.optim.Adam(self.net.parameters(), lr=params["lr"])
        for _ in range(params["steps"]):
            idx = torch.randint(0, len(x), (params["batch"],), device=dev)
            loss = ((self.net(x[idx]) - z[idx]) ** 2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
        self.dev, self.torch = dev, torch
        return {"iterations": params["steps"], "message": "%s on %s, last batch loss %.4g" % (params["net"], dev, loss.item())}

    def _scale(self, v):
        return 2 * (v - self.t0) / (self.t1 - self.t0) - 1 if self.t1 > self.t0 else 0.0

    def predict(self, t):
        torch = self.torch
        with torch.no_grad():
            x = torch.tensor([self._scale(v) for v in t], dtype=torch.float32, device=self.dev).unsqueeze(1)
            out = self.net(x).squeeze(1).double().cpu().tolist()
        return [self.mean + self.sd * v for v in out]


def _network(torch, kind, width, depth):
    nn = torch.nn

    class Snake(nn.Module):  # x + sin^2(a x) / a, a per unit, trained, initially 1
        def __init__(self, n):
            super().__init__()
            self.a = nn.Parameter(torch.ones(n))

        def forward(self, v):
            return v + torch.sin(self.a * v) ** 2 / self.a

    class Sine(nn.Module):  # SIREN: sin(w0 (W x + b)), Sitzmann et al.'s initialisation
        def __init__(self, fan_in, fan_out, first, w0=30.0):
            super().__init__()
            self.w0, self.lin = w0, nn.Linear(fan_in, fan_out)
            bound = 1 / fan_in if first else math.sqrt(6 / fan_in) / w0
            nn.init.uniform_(self.lin.weight, -bound, bound)

        def forward(self, v):
            return torch.sin(self.w0 * self.lin(v))

    layers, n_in = [], 1
    for i in range(depth):
        if kind == "siren":
            layers.append(Sine(n_in, width, i == 0))
        else:
            layers += [nn.Linear(n_in, width), Snake(width) if kind == "snake" else nn.GELU()]
        n_in = width
    layers.append(nn.Linear(n_in, 1))
    return nn.Sequential(*layers)


if __name__ == "__main__":
    main(TorchNet)
