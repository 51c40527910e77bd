# Sourced by the bench/run-*.sh scripts (with $here set to the repository): builds the bench module
# unless SKIP_BUILD=1 and sets $classpath to it, and $commit to what is measured.
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$here" && mvn -q -B -ntp -pl bench -am package -DskipTests)
fi
# What is measured must be this tree's, never a Driftwatch someone installed in ~/.m2 (a build of
# bench without -am resolves it from there).
if grep -q '/io/driftwatch/' "$here/bench/target/classpath.txt"; then
  echo "$(basename "$0"): bench/target/classpath.txt takes Driftwatch from the local repository;" \
    "build with: mvn -pl bench -am package -DskipTests" >&2
  exit 2
fi
classpath="$here/bench/target/classes:$(cat "$here/bench/target/classpath.txt")"
commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$here" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  commit="$commit (with uncommitted changes)"
fi
