#!/usr/bin/env bash
# The GPU probe: on a machine with an NVIDIA GPU, PyTorch and no Java, runs `diffusion doctor`, then
# `diffusion bench --operations` and the Python library's benchmark (../shared/anchor/mdbench.py)
# on each config in turn, at the same batches, and writes one Markdown table of their speeds side by
# side with the operations PyTorch runs in our steps (each at least one kernel launch on a GPU).
#
#   bash ../shared/gpu/bundle.sh .gpu                  here: the bundle (../shared/gpu/README.md)
#   bash bench/gpu-probe.sh .gpu [OPTIONS]             there: default r1,r2,r3,r1b256,r2b256,r3b256
#   bash bench/gpu-probe.sh --cpu [OPTIONS]            here, on the CPU: ./diffusion and the anchor on
#                                                      Debian's PyTorch; THREADS each (default 1);
#                                                      default t1,t2,t3
#   bash bench/gpu-probe.sh --table DIR                the table again, from the outputs in DIR
# OPTIONS:
#   --configs LIST   config names of the bundle's configs (here ../shared/bench/configs), comma-separated
#   --steps N        training and sampling steps measured on each side (default 20)
#   --schedule N     the Python library's schedule: the steps its sampling takes (default 1000)
#   --out DIR        the outputs (default target/gpu-probe): doctor.txt, CONFIG.ours.txt,
#                    CONFIG.python.txt and table.md
# Not run on a GPU yet. The first run of a bundle adds about 20 s to build DJL's JNI (bench/README.md).
set -euo pipefail

fail() {
  echo "error: $*" >&2
  exit 2
}

# field FILE KEY: the value of KEY in the last JSON line of FILE that has it, without quotes; empty if none.
field() {
  { grep -o "\"$2\": *[^,}]*" "$1" 2> /dev/null || true; } | tail -n 1 | sed 's/^[^:]*: *//; s/"//g'
}

# cell FILE KEY: a cell of the table, the value of KEY in FILE or "failed" where the run printed none.
cell() {
  local value
  value=$(field "$1" "$2")
  echo "${value:-failed}"
}

# table DIR: the Markdown table of the outputs CONFIG.ours.txt and CONFIG.python.txt in DIR.
table() {
  local ours python config
  echo "| config | device, ours / Python | train batch | train steps/s, ours | Python" \
    "| sample batch | sample steps/s, ours | Python | operations a train step, ours | a sample step |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for ours in "$1"/*.ours.txt; do
    config=$(basename "$ours" .ours.txt)
    python=$1/$config.python.txt
    echo "| $config | $(cell "$ours" device) / $(cell "$python" device) | $(cell "$ours" train_batch)" \
      "| $(cell "$ours" train_steps_per_s) | $(cell "$python" train_steps_per_s) | $(cell "$ours" sample_batch)" \
      "| $(cell "$ours" sample_steps_per_s) | $(cell "$python" sample_steps_per_s)" \
      "| $(cell "$ours" train_ops_per_step) | $(cell "$ours" sample_ops_per_step) |"
  done
}

mode="" configs="" steps=20 schedule=1000 out=target/gpu-probe
case "${1:-}" in
  --table)
    [[ -d ${2:-} ]] || fail "--table takes the folder of a probe's outputs"
    compgen -G "$2/*.ours.txt" > /dev/null || fail "no outputs (CONFIG.ours.txt) in $2"
    table "$2" | tee "$2/table.md"
    exit 0
    ;;
  --cpu) mode=cpu; configs=t1,t2,t3 ;;
  "" | -*) fail "the first argument is a bundle of ../shared/gpu/bundle.sh, --cpu or --table DIR" ;;
  *)
    [[ -f $1/run-on-cuda.sh ]] || fail "$1 is not a bundle of ../shared/gpu/bundle.sh (no run-on-cuda.sh in it)"
    mode=gpu bundle=$(realpath "$1") configs=r1,r2,r3,r1b256,r2b256,r3b256
    ;;
esac
shift
while [[ $# -gt 0 ]]; do
  case "$1" in
    --configs) [[ ${2:-} =~ ^[a-z0-9]+(,[a-z0-9]+)*$ ]] || fail "--configs takes names such as r1,r2b256"; configs=$2 ;;
    --steps) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || fail "--steps takes a whole number of at least 1"; steps=$2 ;;
    --schedule) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || fail "--schedule takes a whole number of at least 1"; schedule=$2 ;;
    --out) [[ -n ${2:-} ]] || fail "--out takes a folder"; out=$2 ;;
    *) fail "unknown option $1 (--configs, --steps, --schedule, --out)" ;;
  esac
  shift 2
done
out=$(realpath -m "$out")
cd "$(dirname "$0")/.."

if [[ $mode == gpu ]]; then
  config_dir=$bundle/configs device=cuda
  diffusion=(bash "$bundle/run-on-cuda.sh" diffusion)
  anchor=(bash "$bundle/run-on-cuda.sh" anchor)
else
  anchor_dir=$(realpath -m ../shared/anchor)
  [[ -f $anchor_dir/mdbench.py ]] || fail "no Python anchor at ../shared/anchor/mdbench.py"
  config_dir=../shared/bench/configs device=cpu
  export THREADS=${THREADS:-1}
  export JAVA_OPTS="-Dai.djl.pytorch.num_threads=$THREADS -Dai.djl.pytorch.num_interop_threads=1 ${JAVA_OPTS:-}"
  diffusion=(./diffusion)
  # Debian's PyTorch, with the shim that stands in for einops (../shared/anchor/README.md).
  anchor=(env PYTHONPATH="$anchor_dir/shim:$anchor_dir" "${PYTHON:-/usr/bin/python3}" "$anchor_dir/mdbench.py")
fi
for config in ${configs//,/ }; do
  [[ -f $config_dir/$config.yaml ]] || fail "no config $config_dir/$config.yaml"
done

mkdir -p "$out"
rm -f "$out"/*.ours.txt "$out"/*.python.txt
"${diffusion[@]}" doctor 2>&1 | tee "$out/doctor.txt" || true
for config in ${configs//,/ }; do
  yaml=$config_dir/$config.yaml
  # The Python library's name of the config (r2b256: R2) and our config's batch, which it trains at.
  name=$(tr '[:lower:]' '[:upper:]' <<< "${config%b[0-9]*}")
  batch=$(grep -o 'batch: *[0-9]*' "$yaml" | grep -o '[0-9]*$')
  echo "$(date -u +%T) $config: the Python library ($name, batch $batch)" >&2
  "${anchor[@]}" "$device" "$name" "$steps" "$schedule" "$batch" > "$out/$config.python.txt" 2>&1 || true
  # Ours samples as many at once as the Python library does (16, or 4 for R3 and the tiny ones).
  sample_batch=$(field "$out/$config.python.txt" sample_batch)
  echo "$(date -u +%T) $config: ours (sample batch ${sample_batch:-16})" >&2
  "${diffusion[@]}" bench --config "$yaml" --steps "$steps" --batch "${sample_batch:-16}" --operations \
    > "$out/$config.ours.txt" 2>&1 || true
done
echo >&2
table "$out" | tee "$out/table.md"
