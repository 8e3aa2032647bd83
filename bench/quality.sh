#!/usr/bin/env bash
# Quality against steps, measured (docs/samplers.md, "Quality against steps"): evaluates trained runs with
# each sampler over several seeds of the samples' noise and prints one Markdown table of the mean
# ± the standard deviation over the seeds, with each sampler's net evaluations and seconds.
#
#   bash bench/quality.sh [OPTIONS] RUN|CONFIG …
#
# RUN is a run's output folder (its latest checkpoint is evaluated); CONFIG, a file ending in .yaml,
# is trained first into OUT/NAME (NAME: its file name without .yaml) unless that folder already
# holds checkpoints. Options:
#   --seeds 'S …'     seeds of the samples' noise (default: '0 1 2')
#   --samples N       samples of each evaluation (default: the data set's choice: 100 digits,
#                     1,000 points)
#   --sampler SPEC    a sampler as eval's --sampler takes it, or 'own' for the run's own; may repeat
#                     (default: the rows of docs/samplers.md, the ancestral sampler's 1,000 steps first)
#   --wide            one row a sampler with each run's columns side by side, as docs/samplers.md's table
#                     (default: one row a sampler and run)
#   --log FILE        keeps each evaluation's figures there, one JSON line each, and skips the
#                     evaluations it already holds: a long measurement resumes where it stopped
#                     (default: a temporary file)
#   --out DIR         where CONFIGs are trained (default: /tmp/quality)
# Runs one evaluation at a time; JAVA_OPTS passes on, e.g. "-Dai.djl.pytorch.num_threads=1
# -Dai.djl.pytorch.num_interop_threads=1" to keep to one core. The seconds are eval's own
# (eval_seconds), whatever else the machine runs meanwhile.
#
# The table of docs/samplers.md, from the digits-guided run and three moons runs of training seeds
# 11 (bench/moons.yaml's own), 12 and 13 (the ancestral sampler's 1,000 steps take the digits some
# 10 minutes a seed on 2 cores; --log lets a stopped run resume):
#   for s in 12 13; do ./diffusion train --config bench/moons.yaml --seed $s --out /tmp/quality/moons-s$s; done
#   bash bench/quality.sh --wide --log /tmp/quality.jsonl \
#     sample-plugins/src/main/resources/configs/digits-guided.yaml bench/moons.yaml /tmp/quality/moons-s1?
# Two parametrizations compared with their own samplers and two fast ones:
#   bash bench/quality.sh --sampler own --sampler 'dpm-solver++ {steps: 10, spacing: leading}' \
#     --sampler 'ddim {eta: 0, steps: 50}' /tmp/quality/dg-eps /tmp/quality/dg-v
set -euo pipefail
cd "$(dirname "$0")/.."

seeds="0 1 2"
samples=()
samplers=()
wide=false
log=""
out=/tmp/quality
runs=()
while (($#)); do
  case "$1" in
    --seeds) seeds="$2"; shift 2 ;;
    --samples) samples=(--samples "$2"); shift 2 ;;
    --sampler) samplers+=("$2"); shift 2 ;;
    --wide) wide=true; shift ;;
    --log) log="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "error: unknown option $1; bash $0 --help lists them" >&2; exit 2 ;;
    *) runs+=("$1"); shift ;;
  esac
done
if ((${#runs[@]} == 0)); then
  echo "error: no run folder or config given; bash $0 --help says how" >&2
  exit 2
fi
if ((${#samplers[@]} == 0)); then
  samplers=(
    ancestral
    'ddim {eta: 0, steps: 50}' 'ddim {eta: 0, steps: 20}' 'ddim {eta: 0, steps: 10}'
    'ddim {eta: 0, steps: 10, spacing: leading}'
    'dpm-solver++ {steps: 20}' 'dpm-solver++ {steps: 10}' 'dpm-solver++ {steps: 5}'
    'dpm-solver++ {steps: 10, spacing: leading}'
    'heun {steps: 10}' 'heun {steps: 10, spacing: trailing}'
    'euler {steps: 20}' 'euler {steps: 20, spacing: leading}'
  )
fi
if [[ -z "$log" ]]; then
  log="$(mktemp /tmp/quality-XXXXXX.jsonl)"
fi
touch "$log"

folders=()
for run in "${runs[@]}"; do
  if [[ "$run" == *.yaml ]]; then
    [[ -f "$run" ]] || { echo "error: config $run does not exist" >&2; exit 2; }
    folder="$out/$(basename "$run" .yaml)"
    if [[ ! -d "$folder/checkpoints" ]]; then
      echo "training $run into $folder" >&2
      ./diffusion train --config "$run" --out "$folder" >&2
    fi
  else
    folder="$run"
    [[ -d "$folder/checkpoints" ]] || { echo "error: $folder holds no checkpoints; give a run's folder" >&2; exit 2; }
  fi
  folders+=("$(cd "$folder" && pwd)")
done

# Whether the log holds the evaluation of run $1 with sampler $2, seed $3 and samples $4.
logged() {
  python3 - "$log" "$@" <<'EOF'
import json, sys
log, run, spec, seed, samples = sys.argv[1:]
for line in open(log):
    e = json.loads(line)
    if (e["run"], e["spec"], str(e["seed"]), str(e["requested_samples"])) == (run, spec, seed, samples):
        sys.exit(0)
sys.exit(1)
EOF
}

for folder in "${folders[@]}"; do
  for spec in "${samplers[@]}"; do
    for seed in $seeds; do
      if logged "$folder" "$spec" "$seed" "${samples[1]:-default}"; then
        continue
      fi
      echo "eval $folder, $spec, seed $seed" >&2
      choice=()
      [[ "$spec" == own ]] || choice=(--sampler "$spec")
      before=$(wc -l < "$folder/metrics.jsonl")
      ./diffusion eval --checkpoint "$folder" --seed "$seed" "${samples[@]}" "${choice[@]}" > /dev/null
      # eval appends its figures as the last line of the run's metrics; the log adds what it was asked.
      tail -n +"$((before + 1))" "$folder/metrics.jsonl" | python3 -c '
import json, sys
run, spec, seed, samples = sys.argv[1:]
figures = json.loads(sys.stdin.read().splitlines()[-1])
figures.update(run=run, spec=spec, seed=int(seed), requested_samples=samples)
print(json.dumps(figures))' "$folder" "$spec" "$seed" "${samples[1]:-default}" >> "$log"
    done
  done
done
echo "figures of each evaluation: $log" >&2

python3 - "$log" "$wide" "${samples[1]:-default}" "$seeds" "${samplers[@]}" -- "${folders[@]}" <<'EOF'
import json, math, statistics, sys

log, wide, samples, seeds = sys.argv[1:5]
rest = sys.argv[5:]
specs, runs = rest[:rest.index("--")], rest[rest.index("--") + 1:]
seeds = [int(s) for s in seeds.split()]
entries = [json.loads(line) for line in open(log)]

# A column: its heading and the figures it shows, a pair as guided / unguided.
COLUMNS = [
    ("digits right, guided / unguided", ["accuracy", "accuracy_unguided"]),
    ("Fréchet distance, guided / unguided", ["fd", "fd_unguided"]),
    ("SW ratio", ["sw_ratio"]),
    ("valid", ["validity"]),
    ("distinct-2", ["distinct_2"]),
]


def number(x, decimals):
    return f"{x:,.{decimals}f}"


def cell(values):
    """The mean ± the standard deviation, to three significant digits of the mean."""
    mean = statistics.fmean(values)
    decimals = max(0, 2 - math.floor(math.log10(abs(mean)))) if mean else 2
    if len(values) == 1:
        return number(mean, decimals)
    return f"{number(mean, decimals)} ± {number(statistics.stdev(values), decimals)}"


def found(run, spec):
    chosen = [e for e in entries if e["run"] == run and e["spec"] == spec
              and e["seed"] in seeds and e["requested_samples"] == samples]
    if not chosen:
        sys.exit(f"error: {log} holds no evaluation of {run} with {spec}")
    return chosen


def evaluations(chosen):
    # Heun takes two net evaluations a step but the last (docs/samplers.md's table of solvers); guidance's
    # second pass through the net is not counted, as in docs/samplers.md.
    e = chosen[0]
    steps = e["sampling_steps"]
    return f"{2 * steps - 1 if e['sampler'].startswith('Heun') else steps:,}"


def figures(chosen):
    cells = {}
    for heading, keys in COLUMNS:
        present = [k for k in keys if k in chosen[0]]
        if present:
            cells[heading] = " / ".join(cell([e[k] for e in chosen]) for k in present)
    cells["seconds"] = cell([e["eval_seconds"] for e in chosen])
    return cells


def label(spec, sampler=None):
    if spec != "own":
        return f"`{spec}`"
    return "the run's own" + (f", {sampler}" if sampler else "")


def table(header, rows):
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


names = [r.rstrip("/").rsplit("/", 1)[-1] for r in runs]
if wide == "true":
    measured = {(r, s): found(r, s) for r in runs for s in specs}
    headings = {r: list(figures(measured[r, specs[0]])) for r in runs}
    header = ["sampler", "net evaluations"] + [f"{n}: {h}" for r, n in zip(runs, names) for h in headings[r]]
    rows = []
    for s in specs:
        steps = " / ".join(dict.fromkeys(evaluations(measured[r, s]) for r in runs))
        rows.append([label(s), steps] + [figures(measured[r, s]).get(h, "") for r in runs for h in headings[r]])
    table(header, rows)
else:
    rows = []
    for s in specs:
        for r, n in zip(runs, names):
            chosen = found(r, s)
            rows.append((label(s, chosen[0]["sampler"]), n, evaluations(chosen), figures(chosen)))
    headings = list(dict.fromkeys(h for row in rows for h in row[3]))
    table(["sampler", "run", "net evaluations"] + headings,
          [[l, n, steps] + [cells.get(h, "") for h in headings] for l, n, steps, cells in rows])
print(f"\nMean ± standard deviation over seed{'s' if len(seeds) > 1 else ''} {', '.join(map(str, seeds))}; "
      f"{samples if samples != 'default' else 'the data set’s default number of'} samples each.")
EOF
