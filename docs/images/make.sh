#!/usr/bin/env bash
# Makes the pictures and sample sentences of docs/images from the program's own output: trains the
# default job, the reference configs digits-guided, grammar-embedding and grammar-absorbing, and
# docs/images/toy2d-moons.yaml with ./diffusion train, each as its config says, then takes
#   default-job-samples.png   the default job's samples after its last epoch (out/samples/epoch-NNNN.png)
#   default-job-loss.png      the default job's loss plot (out/loss.png)
#   digits-guided.png         `diffusion sample` of digits-guided, one trajectory per digit 0 to 9
#   toy2d-moons.png           the moons' scatter plot after the last epoch
#   grammar-samples.md        `diffusion sample` of each grammar config, ten sentences each
# and makes the pictures small with optipng where it is installed. Samples are drawn with --seed 0.
#
#   bash docs/images/make.sh [WORK [NAME …]]
#
# NAME (default-job, toy2d-moons, digits-guided, grammar) makes only those, as when one config has
# changed; without one, all.
# WORK holds the runs (default: a new temporary folder); a run already there is resumed, not
# trained again. Each run takes one thread, THREADS=2 two: about an hour on two busy shared cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
images=docs/images
configs=sample-plugins/src/main/resources/configs
work=${1:-$(mktemp -d)}
mkdir -p "$work"
names=("${@:2}")
for name in "${names[@]}"; do
  case $name in
    default-job | toy2d-moons | digits-guided | grammar) ;;
    *) echo "error: $name: no such picture; default-job, toy2d-moons, digits-guided or grammar" >&2; exit 2 ;;
  esac
done
export JAVA_OPTS="-Dai.djl.pytorch.num_threads=${THREADS:-1} -Dai.djl.pytorch.num_interop_threads=1 ${JAVA_OPTS:-}"

# train NAME [CONFIG]: trains CONFIG (without one, the default job) into WORK/NAME, or resumes the run there.
train() {
  local run=$work/$1 config=${2:-} start=$SECONDS
  echo "$(date -u +%FT%TZ) training $1 into $run" >&2
  if [[ -e $run/checkpoints/latest ]]; then
    ./diffusion train --out "$run" --resume
  else
    ./diffusion train --out "$run" ${config:+--config "$config"}
  fi
  echo "$(date -u +%FT%TZ) $1 took $((SECONDS - start)) s" >&2
}

# last_samples NAME: the samples the run NAME wrote after its last epoch.
last_samples() {
  ls "$work/$1"/samples/epoch-* | sort | tail -n 1
}

# picture SOURCE NAME: copies the PNG SOURCE to docs/images/NAME, made small.
picture() {
  cp "$1" "$images/$2"
  if command -v optipng > /dev/null; then
    optipng -quiet -o7 -strip all "$images/$2"
  fi
  echo "$images/$2: $(wc -c < "$images/$2") bytes" >&2
}

# sentences NAME CONFIG: a section of grammar-samples.md, ten sentences of the run NAME.
sentences() {
  ./diffusion sample --checkpoint "$work/$1" --seed 0 --out "$work/$1-samples.txt" > /dev/null
  printf '\n## %s\n\n%s\n\n```text\n%s\n```\n' "$1" "$(sed -n '2,/^[a-z]/p' "$2" | grep '^#' | sed 's/^# *//' | paste -sd ' ')" \
    "$(cat "$work/$1-samples.txt")"
}

# wanted NAME: whether to make NAME's pictures this time.
wanted() {
  [[ ${#names[@]} -eq 0 || " ${names[*]} " == *" $1 "* ]]
}

if wanted default-job; then
  train default-job
  picture "$(last_samples default-job)" default-job-samples.png
  picture "$work/default-job/loss.png" default-job-loss.png
fi

if wanted toy2d-moons; then
  train toy2d-moons "$images/toy2d-moons.yaml"
  picture "$(last_samples toy2d-moons)" toy2d-moons.png
fi

if wanted digits-guided; then
  train digits-guided "$configs/digits-guided.yaml"
  ./diffusion sample --checkpoint "$work/digits-guided" --seed 0 --out "$work/digits-guided.png" > /dev/null
  picture "$work/digits-guided.png" digits-guided.png
fi

if wanted grammar; then
  train grammar-embedding "$configs/grammar-embedding.yaml"
  train grammar-absorbing "$configs/grammar-absorbing.yaml"
  {
    echo "# Sentences sampled from the grammar configs"
    echo
    echo "Made by \`bash docs/images/make.sh\`: \`diffusion sample --seed 0\` of each reference config, trained as it is."
    sentences grammar-embedding "$configs/grammar-embedding.yaml"
    sentences grammar-absorbing "$configs/grammar-absorbing.yaml"
  } > "$images/grammar-samples.md"
fi
echo "done; the runs are in $work" >&2
