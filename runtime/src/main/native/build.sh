#!/usr/bin/env bash
# Builds the collective library, libmdcollective.so (collective.cc: our JNI over Debian's
# libgloo.so.0), for training on several workers. The runtime's Maven build runs it on Linux,
# after javac, with
#   build.sh JAVA_HOME HEADERS OUTPUT
# JAVA_HOME  the JDK whose jni.h to compile against (Maven's own)
# HEADERS    the folder where javac -h wrote Collective's JNI header
# OUTPUT     the folder of the libraries by platform, in the runtime's classes
#            (…/org/modulardiffusion/distributed/native); the library goes to OUTPUT/linux-<arch>/
# Without g++ or Gloo it builds nothing and prints one warning that says what to install, unless
# the environment variable CI is set: then it fails with that message. Environment: CXX (default
# g++), CI.
set -euo pipefail

[[ $# -eq 3 ]] || { echo "usage: build.sh JAVA_HOME HEADERS OUTPUT" >&2; exit 2; }
java_home=$1 headers=$2 output=$3
source=$(cd "$(dirname "$0")" && pwd)/collective.cc
cxx=${CXX:-g++}
install="install g++ and libgloo-dev (Debian/Ubuntu: sudo apt-get install g++ libgloo-dev) and rebuild"

# What keeps the library from being built: a warning and no library, or in CI an error.
cannot() {
  if [[ -n "${CI:-}" ]]; then
    echo "[ERROR] The collective library (training on several workers) cannot be built: $1; CI is set, so the build fails" >&2
    exit 1
  fi
  echo "[WARNING] The collective library (training on several workers) is left out: $1"
  exit 0
}

case "$(uname -m)" in
  x86_64) platform=linux-x86_64 ;;
  aarch64) platform=linux-aarch64 ;;
  *) cannot "it is built on Linux x86-64 and aarch64 only, not on $(uname -m)" ;;
esac
library=$output/$platform/libmdcollective.so
header=$headers/org_modulardiffusion_distributed_Collective.h

if [[ -f "$library" && "$library" -nt "$source" && "$library" -nt "$header" && "$library" -nt "$0" ]]; then
  exit 0  # up to date
fi
command -v "$cxx" > /dev/null || cannot "$cxx is not installed; $install"
[[ -f "$java_home/include/jni.h" ]] || cannot "$java_home has no include/jni.h, so Maven runs on a JRE; run it on a JDK (JAVA_HOME)"
[[ -f "$header" ]] || { echo "build.sh: no $header; javac -h writes it" >&2; exit 2; }

mkdir -p "$(dirname "$library")"
partial=$(mktemp "$library.XXXXXX")
log=$(mktemp)
trap 'rm -f "$partial" "$log"' EXIT
# -fvisibility=hidden: export only the JNI entry points (JNIEXPORT); keeps our Gloo template
# instantiations and helpers from interposing on anything else in the process.
# -Wl,--no-undefined: fail here, not at System.load, on a symbol this Gloo lacks; -z now: bind
# every symbol at System.load, so a Gloo of another version fails there, not at a call, where
# the dynamic loader would end the process.
# -Wl,--as-needed: record only the libraries we use in DT_NEEDED (libgloo.so.0, libstdc++, libc).
if ! "$cxx" -std=c++17 -O2 -fPIC -shared -fvisibility=hidden -fvisibility-inlines-hidden -Wall -Wextra \
    -I"$java_home/include" -I"$java_home/include/linux" -I"$headers" \
    "$source" -o "$partial" -Wl,--no-undefined -Wl,-z,now -Wl,--as-needed -lgloo > "$log" 2>&1; then
  # Gloo absent is the machine's lack; anything else is a fault of ours, shown in full.
  echo '#include <gloo/allreduce.h>' | "$cxx" -std=c++17 -x c++ -E - -o /dev/null 2> /dev/null \
    || cannot "Gloo's headers (gloo/allreduce.h) are not installed; $install"
  "$cxx" -shared -x c++ /dev/null -o /dev/null -Wl,--no-as-needed -lgloo 2> /dev/null \
    || cannot "Gloo's library (libgloo.so) is not installed; $install"
  cat "$log" >&2
  echo "build.sh: $cxx failed on $source" >&2
  exit 1
fi
cat "$log"
chmod 644 "$partial"
mv -f "$partial" "$library"
echo "built $library"
