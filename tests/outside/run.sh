#!/usr/bin/env bash
# Builds a user's own tiny project (this folder: pom.xml + src/main/java/outside/FitLine.java)
# against the installed distill-symbolic, as a user would, and runs it: it must print the fitted
# line y = 2x, and nothing from SLF4J on stderr.
#
# Nothing is downloaded and ~/.m2 is only read: distill-symbolic (and its parent pom) are installed
# into a throw-away local repository (target/m2 here), which copies every other artifact on demand
# from the seed repository $DISTILL_SEED_REPO (default ~/.m2/repository), served as a file://
# mirror through a tree of symbolic links (target/seed) that adds the maven-metadata.xml files a
# remote repository has (for version ranges such as jas' log4j-api [2.17.1,)).
set -euo pipefail
self=$(readlink -f "${BASH_SOURCE[0]}" 2>/dev/null || echo "${BASH_SOURCE[0]}")
here=$(cd "$(dirname "$self")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/.ci/find-jdk.sh"
find_jdk tests/outside/run.sh || exit 1

seed=${DISTILL_SEED_REPO:-$HOME/.m2/repository}
[ -d "$seed" ] || { echo "tests/outside/run.sh: no seed repository at $seed (set DISTILL_SEED_REPO)" >&2; exit 1; }
work=$here/target
repo=$work/m2
mirror=$work/seed
mkdir -p "$repo"
rm -rf "$mirror"
cp -rs "$(cd "$seed" && pwd -P)" "$mirror"
rm -rf "$mirror/org/distill" # the artifacts under test come from this build only
# A remote repository lists each artifact's versions in maven-metadata.xml; a local one may not.
find "$mirror" -name '*.pom' | sed "s:^$mirror/::" | awk -F/ -v root="$mirror" '
    { n = NF; dir = $1; for (i = 2; i <= n - 2; i++) dir = dir "/" $i
      group = $1; for (i = 2; i <= n - 3; i++) group = group "." $i
      if (!(dir in seen)) { seen[dir] = 1; order[++k] = dir; grp[dir] = group; art[dir] = $(n - 2) }
      versions[dir] = versions[dir] "      <version>" $(n - 1) "</version>\n" }
    END { for (j = 1; j <= k; j++) { d = order[j]
        printf "<metadata>\n  <groupId>%s</groupId>\n  <artifactId>%s</artifactId>\n  <versioning>\n    <versions>\n%s    </versions>\n  </versioning>\n</metadata>\n", grp[d], art[d], versions[d] > (root "/" d "/maven-metadata.xml")
        close(root "/" d "/maven-metadata.xml") } }'
settings=$work/settings.xml
cat > "$settings" <<XML
<settings>
  <localRepository>$repo</localRepository>
  <mirrors>
    <mirror><id>seed</id><mirrorOf>*</mirrorOf><url>file://$mirror</url></mirror>
  </mirrors>
</settings>
XML
mvn_() { mvn -q -B -U -s "$settings" -Dmaven.repo.local="$repo" "$@"; }

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)
echo "tests/outside: installing org.distill:distill-symbolic:$version into $repo"
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
