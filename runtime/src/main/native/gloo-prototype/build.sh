#!/bin/sh
# Builds build/libmdcollective.so (JNI over Debian's libgloo.so.0) and the Java classes.
# Needs: apt-get install -y libgloo-dev g++ ; JDK 17.
set -eu
cd "$(dirname "$0")"
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
ROOT=$(cd ../../../../.. && pwd)   # the repository, whose runtime is built (mvn -B -q install -DskipTests)
CLASSPATH_FILE=${CLASSPATH_FILE:-$ROOT/modules-std/target/classpath.txt}
mkdir -p build/classes

# -fvisibility=hidden: export only the JNI entry points (JNIEXPORT); keeps our Gloo template
# instantiations and helpers from interposing on anything else in the process.
# -Wl,--no-undefined: fail at link time, not at System.load, on a missing symbol.
# -Wl,--as-needed: record only libraries we really use in DT_NEEDED.
g++ -std=c++17 -O2 -fPIC -shared -fvisibility=hidden -fvisibility-inlines-hidden -Wall -Wextra \
  -I"$JAVA_HOME/include" -I"$JAVA_HOME/include/linux" \
  collective.cc -o build/libmdcollective.so \
  -Wl,--no-undefined -Wl,--as-needed -lgloo

javac -d build/classes -cp "$ROOT/runtime/target/classes" java/org/modulardiffusion/distributed/*.java
javac -d build/classes -cp "build/classes:$ROOT/runtime/target/classes:$(cat "$CLASSPATH_FILE")" test/org/modulardiffusion/distributed/*.java
echo "built build/libmdcollective.so and build/classes"
