"""The cost of one operation on small arrays through PyTorch's Python front end, the twin of
bench/OpCost.java: one thread, no gradients, the best of five rounds of 100,000 calls each.

    LD_PRELOAD=libtcmalloc_minimal.so.4 python3 bench/op_cost.py
"""
import time

import torch
import torch.nn.functional as F

CALLS = 100_000
torch.set_num_threads(1)
torch.set_grad_enabled(False)
x = torch.randn(4, 16, 16)
w, b = torch.randn(48, 16), torch.randn(48)
gamma, beta = torch.ones(16), torch.zeros(16)


def timed(name, operation):
    best = float("inf")
    for round in range(6):
        start = time.perf_counter()
        for _ in range(CALLS):
            operation()
        if round > 0:  # the first round warms up
            best = min(best, (time.perf_counter() - start) / CALLS * 1e6)
    print("%-16s %6.2f µs" % (name, best))


timed("add", lambda: x + x)
timed("times a number", lambda: x * 0.5)
timed("reshape", lambda: x.reshape(64, 16))
timed("softmax", lambda: x.softmax(-1))
timed("layer norm", lambda: F.layer_norm(x, (16,), gamma, beta, 1e-5))
timed("linear 16 to 48", lambda: F.linear(x, w, b))
