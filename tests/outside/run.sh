#!/usr/bin/env bash
# Builds a user's own tiny project (this folder: pom.xml + src/main/java/outside/FitLine.java)
# against the installed distill-symbolic, as a user would, and runs it: it must print the fitted
# line y = 2x, and nothing from SLF4J on stderr.
#
# It installs the reactor's distill-symbolic (and its parent pom) into the local repository, as the
# README tells a user to, then builds this folder with plain Maven (which downloads any plugin it lacks).
set -euo pipefail
self=$(readlink -f "${BASH_SOURCE[0]}" 2>/dev/null || echo "${BASH_SOURCE[0]}")
here=$(cd "$(dirname "$self")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/.ci/find-jdk.sh"
find_jdk tests/outside/run.sh || exit 1

work=$here/target
mkdir -p "$work"
mvn_() { mvn -q -B "$@"; }

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)
echo "tests/outside: installing org.distill:distill-symbolic:$version into the local repository"
(cd "$root" && mvn_ install -Dmaven.test.skip=true -pl symbolic -am)

echo "tests/outside: building and running the outside project"
(cd "$here" && mvn_ -Ddistill.version="$version" compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile="$work/classpath.txt")
out=$work/out.txt err=$work/err.txt
java -cp "$here/target/classes:$(cat "$work/classpath.txt")" outside.FitLine >"$out" 2>"$err" || {
    echo "tests/outside: FitLine failed" >&2; cat "$out" "$err" >&2; exit 1; }
cat "$out"
fail=0
if ! grep -Eq '^y = (2(\.0*)?\*x|x\*2(\.0*)?|x \+ x)$' "$out"; then
    echo "tests/outside: expected 'y = 2*x' (or x*2, x + x), got: $(cat "$out")" >&2
    fail=1
fi
if grep -q 'SLF4J' "$err"; then
    echo "tests/outside: SLF4J printed warnings on stderr:" >&2
    cat "$err" >&2
    fail=1
fi
[ "$fail" = 0 ] && echo "tests/outside: ok"
exit "$fail"
