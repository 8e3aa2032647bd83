#!/usr/bin/env bash
# Training on several workers, measured: examples per second of 1, 2, 4, … workers (up to the
# GPUs there are, or the cores on a machine without) on each config, and the time their sums take
# a step, as one Markdown table on standard output. Each run trains one epoch of the config.
#
# Here, on the CPU:
#   bash bench/workers.sh [CONFIG …]                 (default: ../shared/bench/configs/r2.yaml)
# On a machine with NVIDIA GPUs, PyTorch and no Java (see ../shared/gpu/README.md):
#   bash ../shared/gpu/bundle.sh .gpu && bash bench/workers.sh --bundle .gpu     (here: adds Gloo)
#   bash bench/workers.sh --gpu .gpu [CONFIG …]       (there; default: the bundle's r*b256 configs)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == --bundle ]]; then
  # Gloo and what it links, for a machine that has none: the collective library finds them on
  # LD_LIBRARY_PATH, which --gpu sets.
  mkdir -p "$2/gloo"
  for lib in libgloo.so.0 libhiredis.so.0.14 libibverbs.so.1 libnl-route-3.so.200 libnl-3.so.200; do
    cp -L "$(ldconfig -p | awk -v l="$lib" '$1 == l { print $NF; exit }')" "$2/gloo/$lib"
  done
  echo "copied Gloo's libraries into $2/gloo"
  exit 0
fi

diffusion=(./diffusion)
limit=$(nproc)
configs=("$@")
if [[ "${1:-}" == --gpu ]]; then
  bundle=$2
  shift 2
  configs=("$@")
  [[ ${#configs[@]} -gt 0 ]] || configs=("$bundle"/configs/r1b256.yaml "$bundle"/configs/r2b256.yaml "$bundle"/configs/r3b256.yaml)
  export LD_LIBRARY_PATH="$PWD/$bundle/gloo${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  diffusion=(bash "$bundle/run-on-cuda.sh" diffusion)
  limit=$(nvidia-smi --list-gpus | wc -l)
fi
[[ ${#configs[@]} -gt 0 ]] || configs=(../shared/bench/configs/r2.yaml)

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "| config | workers | batch | examples/s | sums, ms a step (by) |"
echo "|---|---|---|---|---|"
for config in "${configs[@]}"; do
  batch=$(grep -o 'batch: *[0-9]*' "$config" | grep -o '[0-9]*$')
  for ((workers = 1; workers <= limit; workers *= 2)); do
    run="$out/$(basename "$config" .yaml)-$workers"
    "${diffusion[@]}" train --config "$config" --epochs 1 --out "$run" --workers "$workers" > "$run.log" 2>&1 \
      || { echo "| $config | $workers | $batch | failed: $(grep '^error' "$run.log" | head -n 1) | |"; continue; }
    steps=$(grep -o '"steps_per_second":[0-9.]*' "$run/metrics.jsonl" | tail -n 1 | cut -d: -f2)
    sums=$(grep -o '([^)]*) took [0-9.]* s, [0-9.]* ms a step' "$run.log" \
      | sed -E 's/\((.*)\) took [0-9.]* s, ([0-9.]*) ms a step/\2 (\1)/' || echo "–")
    echo "| $(basename "$config") | $workers | $batch | $(awk -v s="$steps" -v b="$batch" 'BEGIN { printf "%.0f", s * b }') | $sums |"
  done
done
