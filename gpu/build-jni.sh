#!/usr/bin/env bash
# Builds DJL's PyTorch JNI (libdjl_torch.so) against an installed PyTorch and installs it where DJL
# looks for it first, so that `DIFFUSION_TORCH=TORCH_DIR ./diffusion …` runs on that PyTorch, of any
# version (README, "Running on a GPU"). About 20 s on 16 cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/torch.sh"

usage() {
  cat <<'TEXT'
usage: gpu/build-jni.sh [--abi 0|1] [--headers DIR] TORCH_DIR SOURCES
       gpu/build-jni.sh --write-headers DIR SOURCES
  TORCH_DIR            the torch folder of an installed PyTorch, as printed by
                       python3 -c 'import torch, os; print(os.path.dirname(torch.__file__))'
  SOURCES              DJL's PyTorch JNI sources of the project's DJL version: a checkout of
                       https://github.com/deepjavalibrary/djl at its tag (git clone --depth 1
                       --branch v0.36.0 …), or a folder holding the files of its
                       engines/pytorch/pytorch-native/src/main/native, PyTorchLibrary.java and
                       api/src/main/native/djl/utils.h as djl/utils.h
  --abi 0|1            the libtorch's _GLIBCXX_USE_CXX11_ABI (default: read from its TorchConfig.cmake
                       or the symbols of its libc10.so)
  --headers DIR        JNI headers written by --write-headers, for a machine without a JDK
                       (default: generated here with javac)
  --write-headers DIR  only write the JNI headers (PyTorchLibrary's and the JDK's jni.h) into DIR
Environment: CXX (default g++), JOBS (parallel compiles, default all cores), ENGINE_CACHE_DIR or
DJL_CACHE_DIR (DJL's cache, default ~/.djl.ai).
TEXT
}

fail() {
  echo "error: $*" >&2
  exit 2
}

abi="" headers="" write_headers=""
while [[ $# -gt 0 && "$1" == -* ]]; do
  case "$1" in
    --abi) [[ "${2:-}" == [01] ]] || fail "--abi takes 0 or 1"; abi=$2; shift 2 ;;
    --headers) [[ -n "${2:-}" ]] || fail "--headers takes a folder"; headers=$2; shift 2 ;;
    --write-headers) [[ -n "${2:-}" ]] || fail "--write-headers takes a folder"; write_headers=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option $1" ;;
  esac
done
if [[ -n "$write_headers" ]]; then
  [[ $# -eq 1 ]] || { usage >&2; fail "--write-headers DIR takes one argument: SOURCES"; }
  sources=$1
else
  [[ $# -eq 2 ]] || { usage >&2; fail "expected TORCH_DIR and SOURCES"; }
  sources=$2
fi

# Absolute from here on: the compiler runs in the sources' folder.
[[ -d "$sources" ]] || fail "no folder $sources (DJL's JNI sources)"
sources=$(cd "$sources" && pwd)
if [[ -n "$headers" ]]; then
  [[ -d "$headers" ]] || fail "no folder $headers (the JNI headers)"
  headers=$(cd "$headers" && pwd)
fi

# The sources, laid out as in DJL's repository or flat.
if [[ -d "$sources/engines/pytorch/pytorch-native/src/main/native" ]]; then
  native=$sources/engines/pytorch/pytorch-native/src/main/native
  djl_include=$sources/api/src/main/native
  library_java=$sources/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java
else
  native=$sources
  djl_include=$sources
  library_java=$sources/PyTorchLibrary.java
fi
compgen -G "$native/*.cc" > /dev/null || fail "no DJL JNI sources (*.cc) in $native"
[[ -f "$djl_include/djl/utils.h" ]] || fail "no djl/utils.h in $djl_include"

# Writes PyTorchLibrary's JNI header and the JDK's jni.h into $1.
generate_headers() {
  [[ -f "$library_java" ]] || fail "no PyTorchLibrary.java at $library_java"
  command -v javac > /dev/null || fail "javac not found: install a JDK, or pass --headers DIR written by --write-headers on a machine with one"
  local jdk classes
  jdk=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  classes=$(mktemp -d)
  mkdir -p "$1"
  javac -h "$1" -d "$classes" "$library_java"
  rm -rf "$classes"
  cp -r "$jdk/include/." "$1/"
}

if [[ -n "$write_headers" ]]; then
  generate_headers "$write_headers"
  echo "wrote the JNI headers into $write_headers"
  exit 0
fi

project_versions "$(dirname "$here")"
torch_read "$1" || exit 2
# The C++ ABI: TorchConfig.cmake names it up to PyTorch 2.8 or so; later, std::__cxx11 names in
# libc10.so's symbols tell it.
if [[ -z "$abi" ]]; then
  abi=$(grep -o -m 1 '_GLIBCXX_USE_CXX11_ABI=[01]' "$TORCH_DIR/share/cmake/Torch/TorchConfig.cmake" 2>/dev/null | cut -d= -f2 || true)
fi
if [[ -z "$abi" && -s "$TORCH_LIB/libc10.so" ]] && command -v nm > /dev/null; then
  cxx11=$(nm -D --defined-only "$TORCH_LIB/libc10.so" 2>/dev/null | grep -c __cxx11 || true)
  if [[ "$cxx11" -gt 0 ]]; then abi=1; elif [[ -n "$(nm -D --defined-only "$TORCH_LIB/libc10.so" 2>/dev/null)" ]]; then abi=0; fi
fi
[[ -n "$abi" ]] || fail "cannot tell the C++ ABI of $TORCH_DIR; pass --abi 0 or 1" \
  "(python3 -c 'import torch; print(int(torch._C._GLIBCXX_USE_CXX11_ABI))')"
jni=$(djl_jni_path)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -n "$headers" ]]; then
  [[ -f "$headers/ai_djl_pytorch_jni_PyTorchLibrary.h" && -f "$headers/jni.h" ]] \
    || fail "$headers lacks ai_djl_pytorch_jni_PyTorchLibrary.h or jni.h; write them with --write-headers"
else
  headers=$work/include
  generate_headers "$headers"
fi

read -ra cxx <<< "${CXX:-g++}"
flags=(-O2 -fPIC -std=c++17 -w "-D_GLIBCXX_USE_CXX11_ABI=$abi"
  "-I$TORCH_DIR/include" "-I$TORCH_DIR/include/torch/csrc/api/include"
  "-I$headers" "-I$headers/linux" "-I$native" "-I$djl_include")
libs=(-ltorch -ltorch_cpu -lc10)
[[ ! -f "$TORCH_LIB/libtorch_cuda.so" ]] || libs+=(-ltorch_cuda -lc10_cuda)

echo "building DJL $DJL_VERSION's JNI for PyTorch $TORCH_VERSION ($TORCH_FLAVOR, C++ ABI $abi) at $TORCH_DIR ..." >&2
mkdir -p "$work/obj"
(cd "$native" && ls -- *.cc | xargs -P "${JOBS:-$(nproc)}" -I{} "${cxx[@]}" "${flags[@]}" -c {} -o "$work/obj/{}.o") \
  || fail "compiling the JNI failed (see above)"
mkdir -p "$(dirname "$jni")"
partial="$(dirname "$jni")/.libdjl_torch.so.$$"
"${cxx[@]}" -shared -o "$partial" "$work"/obj/*.o "-L$TORCH_LIB" "${libs[@]}" "-Wl,-rpath,$TORCH_LIB" \
  || { rm -f "$partial"; fail "linking the JNI failed (see above)"; }
mv -f "$partial" "$jni"

cat <<TEXT
installed $jni
run the project on it with:
  DIFFUSION_TORCH=$TORCH_DIR ./diffusion train --device gpu
or point any DJL $DJL_VERSION program at it with:
  export PYTORCH_LIBRARY_PATH=$TORCH_LIB PYTORCH_VERSION=$TORCH_VERSION PYTORCH_FLAVOR=$TORCH_FLAVOR${ENGINE_CACHE_DIR:+ ENGINE_CACHE_DIR=$ENGINE_CACHE_DIR}${DJL_CACHE_DIR:+ DJL_CACHE_DIR=$DJL_CACHE_DIR}
TEXT
