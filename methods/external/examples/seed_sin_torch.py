#!/usr/bin/python3
"""seed-sin-torch: the seed's own PyTorch code under the harness - the Sin
module with torch.randn(1) init, torch.optim.SGD(lr=1e-4), batches of 32
drawn from the training set, 10^6 steps - beside the C sgd-sin."""
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.realpath(__file__)), ".."))
from periodbench_method import Method, Param, main  # noqa: E402


class SeedSinTorch(Method):
    name, family = "seed-sin-torch", "sgd"
    summary = "the seed's PyTorch code: sin(w x), w = torch.randn(1), SGD lr 1e-4, batch 32, 10^6 steps (float32)"
    params = [Param("steps", "int", 1000000, 1, 1e9, "SGD steps"),
              Param("batch", "int", 32, 1, 65536, "batch size (drawn with replacement)"),
              Param("lr", "real", 1e-4, 0, 10, "learning rate")]

    def fit(self, t, y, dy, prior, params, seed):
        import torch

        class Sin(torch.nn.Module):  # as the post wrote it
            def __init__(self):
                super().__init__()
                self.w = torch.nn.Parameter(torch.randn(1))

            def forward(self, x):
                return torch.sin(self.w * x)

        torch.manual_seed(seed % (1 << 63))
        torch.set_num_threads(1)
        x, target = torch.tensor(list(t), dtype=torch.float32), torch.tensor(list(y), dtype=torch.float32)
        model = Sin()
        opt = torch.optim.SGD(model.parameters(), lr=params["lr"])
        losses, keep = [], min(10000, params["steps"])
        for step in range(params["steps"]):
            idx = torch.randint(0, len(x), (params["batch"],))
            loss = ((model(x[idx]) - target[idx]) ** 2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            if step >= params["steps"] - keep:
                losses.append(loss.item())
        self.w = float(model.w.item())
        f = abs(self.w) / (2 * math.pi)
        # sin(w x) = cos(|w| x - pi/2) for w > 0, cos(|w| x + pi/2) for w < 0
        phase = -math.pi / 2 if self.w > 0 else math.pi / 2
        return {"iterations": params["steps"], "components": [(f, 1.0, phase)],
                "message": "w = %.6g, mean batch loss of the last %d steps %.4g" % (self.w, keep, sum(losses) / keep)}

    def predict(self, t):
        return [math.sin(self.w * x) for x in t]


if __name__ == "__main__":
    main(SeedSinTorch)
