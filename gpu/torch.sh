# Shell functions shared by ../diffusion and build-jni.sh: what DJL needs to know about an installed
# PyTorch, read from its files (no Python needed). Source it; each function returns 2 with a
# message on stderr when it cannot answer.

# project_versions ROOT: sets DJL_VERSION (0.36.0), ENGINE_PYTORCH (2.7.1, the PyTorch of DJL's
# engine and of its pytorch-jni jar), ENGINE_CUDA_FLAVOR (cu128, the CUDA build DJL publishes of
# it, whose JNI the jar holds) and OLDEST_PYTORCH (2.0, the oldest the nets run on) from the
# project's pom.xml.
project_versions() {
  DJL_VERSION=$(sed -n 's:.*<djl.version>\(.*\)</djl.version>.*:\1:p' "$1/pom.xml")
  ENGINE_PYTORCH=$(sed -n 's:.*<pytorch.native.version>\(.*\)</pytorch.native.version>.*:\1:p' "$1/pom.xml")
  ENGINE_CUDA_FLAVOR=$(sed -n 's:.*<pytorch.cuda.flavor>\(.*\)</pytorch.cuda.flavor>.*:\1:p' "$1/pom.xml")
  OLDEST_PYTORCH=$(sed -n 's:.*<pytorch.oldest.version>\(.*\)</pytorch.oldest.version>.*:\1:p' "$1/pom.xml")
  [[ -n "$DJL_VERSION" && -n "$ENGINE_PYTORCH" && -n "$ENGINE_CUDA_FLAVOR" && -n "$OLDEST_PYTORCH" ]] \
    || { echo "error: no DJL version, PyTorch version, CUDA flavor or oldest PyTorch in $1/pom.xml" >&2; return 2; }
}

# torch_read DIR: reads the torch package folder of an installed PyTorch (…/site-packages/torch) and
# sets TORCH_DIR, TORCH_LIB (its lib folder), TORCH_VERSION (2.7.1, without +cu126), TORCH_CUDA
# (12.6, or empty for a CPU build) and TORCH_FLAVOR, DJL's name for the build: cpu, or cu + the
# CUDA version's digits (cu126); refuses a PyTorch older than OLDEST_PYTORCH. A CUDA 12 build of the
# engine's PyTorch is ENGINE_CUDA_FLAVOR, whose JNI the pytorch-jni jar holds: that JNI links only
# libtorch's own libraries (libtorch_cuda, libc10_cuda, …), no CUDA library, so it fits every CUDA
# 12 build of that PyTorch. Call project_versions first.
torch_read() {
  local dir=$1
  [[ -f "$dir/version.py" || ! -f "$dir/torch/version.py" ]] || dir=$dir/torch
  if [[ ! -f "$dir/version.py" || ! -f "$dir/lib/libtorch.so" ]]; then
    echo "error: $1 is not an installed PyTorch's torch folder (it needs version.py and lib/libtorch.so);" \
      "find it with: python3 -c 'import torch, os; print(os.path.dirname(torch.__file__))'" >&2
    return 2
  fi
  TORCH_DIR=$(cd "$dir" && pwd)
  TORCH_LIB=$TORCH_DIR/lib
  TORCH_VERSION=$(sed -n "s/^__version__ *= *['\"]\([0-9.]*\).*/\1/p" "$dir/version.py")
  TORCH_CUDA=$(sed -n "s/^cuda[^=]*= *['\"]\([0-9.]*\)['\"].*/\1/p" "$dir/version.py")
  [[ -n "$TORCH_VERSION" ]] || { echo "error: no __version__ in $dir/version.py" >&2; return 2; }
  if [[ "$(printf '%s\n' "$OLDEST_PYTORCH" "$TORCH_VERSION" | sort -V | head -n 1)" != "$OLDEST_PYTORCH" ]]; then
    echo "error: PyTorch $TORCH_VERSION at $TORCH_DIR is older than $OLDEST_PYTORCH, the oldest the nets run on;" \
      "install a newer one, or let DJL download its own (README, \"Running on a GPU\")" >&2
    return 2
  fi
  if [[ -z "$TORCH_CUDA" ]]; then
    TORCH_FLAVOR=cpu
  elif [[ "$TORCH_VERSION" == "$ENGINE_PYTORCH" && "$TORCH_CUDA" == 12.* ]]; then
    TORCH_FLAVOR=$ENGINE_CUDA_FLAVOR
  else
    TORCH_FLAVOR=cu${TORCH_CUDA//./}
  fi
}

# torch_cudart: the folder of the CUDA runtime (libcudart.so.N) installed beside the torch package
# read by torch_read, for DJL, which finds it by name to count the GPUs: pip's
# nvidia/cuda_runtime/lib (CUDA 12) or nvidia/cu13/lib (CUDA 13 and later), or a conda environment's
# lib folder; nothing when there is none.
torch_cudart() {
  local dir
  for dir in "$TORCH_DIR/../nvidia/cuda_runtime/lib" "$TORCH_DIR"/../nvidia/cu[0-9]*/lib "$TORCH_DIR/../../.."; do
    if compgen -G "$dir/libcudart.so*" > /dev/null; then
      (cd "$dir" && pwd)
      return 0
    fi
  done
}

# jar_has_jni: whether DJL's pytorch-jni jar holds the JNI for TORCH_VERSION and TORCH_FLAVOR (after
# torch_read); for any other PyTorch build-jni.sh builds it.
jar_has_jni() {
  [[ "$TORCH_VERSION" == "$ENGINE_PYTORCH" && ( "$TORCH_FLAVOR" == cpu || "$TORCH_FLAVOR" == "$ENGINE_CUDA_FLAVOR" ) ]]
}

# djl_classifier: DJL's name for this platform, as in its cache folders (linux-x86_64).
djl_classifier() {
  local arch
  arch=$(uname -m)
  [[ "$(uname -s)" == Linux ]] || { echo "error: only Linux is supported here, not $(uname -s)" >&2; return 2; }
  [[ "$arch" != arm64 ]] || arch=aarch64
  echo "linux-$arch"
}

# djl_engine_cache: DJL's engine cache folder: ENGINE_CACHE_DIR, else DJL_CACHE_DIR, else ~/.djl.ai.
djl_engine_cache() {
  echo "${ENGINE_CACHE_DIR:-${DJL_CACHE_DIR:-$HOME/.djl.ai}}"
}

# djl_jni_path: where DJL looks first for its JNI for TORCH_VERSION and TORCH_FLAVOR (after
# torch_read).
djl_jni_path() {
  local classifier
  classifier=$(djl_classifier) || return 2
  echo "$(djl_engine_cache)/pytorch/$TORCH_VERSION-$TORCH_FLAVOR-$classifier/$DJL_VERSION-libdjl_torch.so"
}
