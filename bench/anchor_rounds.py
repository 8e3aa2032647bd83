"""Times the Python library as ../shared/anchor/mdbench.py does, but ROUNDS times each, and prints
the medians with the slowest and the fastest round, for a side-by-side with `diffusion bench
--rounds ROUNDS`: one short measurement varies by up to a third on a shared machine.

    PYTHONPATH=../shared/anchor/shim:../shared/anchor python3 bench/anchor_rounds.py \
        ROUNDS DEVICE CONFIGS [TRAIN_STEPS] [SCHEDULE_STEPS] [BATCH]

DEVICE CONFIGS TRAIN_STEPS SCHEDULE_STEPS BATCH are mdbench.py's arguments (THREADS=1 by default
on the CPU); its model definitions are used as they are. One JSON line per config.
"""
import importlib.util
import json
import statistics
import sys
import time

rounds = int(sys.argv[1])
sys.argv = ["mdbench.py"] + sys.argv[2:]
source = open(importlib.util.find_spec("mdbench").origin).read()
anchor = {"__name__": "anchor_rounds"}
exec(source.split("for name in which:")[0], anchor)  # the definitions, without mdbench's own loop
dev, sync, TRAIN, WARM = anchor["dev"], anchor["sync"], anchor["TRAIN"], anchor["WARM"]


def timed(work):
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        sync()
        timings.append(time.perf_counter() - start)
    return timings


def speeds(units, timings):
    """The median speed of units of work a round, and the slowest and fastest round's, as `bench` gives them."""
    return round(units / statistics.median(timings), 2), [round(units / max(timings), 2), round(units / min(timings), 2)]


def train_epoch(model):
    model.data.y = None  # the library keeps the last epoch's labels: without this zip() stops early
    list(model.train(1, progress=False))


for name in anchor["which"]:
    b, sb, m = anchor["make"](name)
    m.data.w = m.data.w.to(dev)
    w = m.data.w
    m.data.w = w[: b * WARM]
    train_epoch(m)
    sync()
    m.data.w = w[b * WARM:]
    train, train_range = speeds(TRAIN, timed(lambda: train_epoch(m)))
    m.data.w, m.data.y = w, None
    sample, sample_range = speeds(m.schedule.steps, timed(lambda: m.sample(batch=sb, progress=False)))
    print(json.dumps({"anchor": "MD", "config": name, "device": dev, "rounds": rounds, "train_batch": b,
                      "train_steps_per_s": train, "train_steps_per_s_range": train_range, "sample_batch": sb,
                      "sample_steps_per_s": sample, "sample_steps_per_s_range": sample_range}), flush=True)
