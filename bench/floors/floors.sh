# Sourced by bench/run and bench/data-quality: builds the floor programs of bench/floors/*.java and defines the
# commands that run them, each from its own jar with its own class archive, on the JVM bin/jdvc chose and with
# bin/jdvc's JVM flags (keep FLOORS_FLAGS in step with bin/jdvc). Nothing here goes into jdvc.jar.
#
#   floors_build ROOT      compile against ROOT/target/jdvc.jar, make the jars in ROOT/bench/out/floors, train
#                          their archives; then FLOOR_TRIVIAL, FLOOR_PICOCLI and FLOOR_JGIT (arrays) run them:
#   "${FLOOR_TRIVIAL[@]}"                 (a) a trivial main
#   "${FLOOR_PICOCLI[@]}" --version       (b) picocli's smallest program
#   "${FLOOR_JGIT[@]}" PATH REV           (c) picocli + JGit: open the repository of the working directory,
#                                             resolve REV, print the blob at PATH

floors_build() {
  local root=$1 out=$1/bench/out/floors java major jit lib
  java=$(head -n 1 "$root/target/jdvc.runtime" 2>/dev/null || command -v java)
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(dirname "$(dirname "$(readlink -f "$java")")")/release" | head -n 1)
  FLOORS_FLAGS=(-XX:+UseSerialGC -Xlog:cds=off -Xlog:cds+dynamic=off)
  if [ "${major:-0}" -ge 25 ]; then
    FLOORS_FLAGS+=(-Xlog:aot=off --enable-native-access=ALL-UNNAMED); FLOORS_EXT=aot
  else
    FLOORS_FLAGS+=(-Xshare:auto); FLOORS_EXT=jsa
  fi
  jit=(-XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput -XX:CompilerDirectivesFile="$root/bin/jit-directives.json"
    -XX:Tier4InvocationThreshold=300 -XX:Tier4MinInvocationThreshold=100 -XX:Tier4CompileThreshold=500)
  [ -f "$root/target/jit.off" ] && jit=()
  FLOORS_FLAGS+=("${jit[@]}" -Dhttp.maxConnections=64)
  rm -rf "$out"; mkdir -p "$out/classes" "$out/picocli" "$out/jgit"
  javac --release 17 -cp "$root/target/jdvc.jar" -d "$out/classes" "$root"/bench/floors/*.java || return 1
  # the very classes jdvc ships: picocli compiled at release 17, JGit unsigned (ADR 0012)
  (cd "$out/picocli" && jar xf "$root/target/jdvc.jar" picocli)
  (cd "$out/jgit" && jar xf "$root/target/jdvc.jar" picocli org/eclipse/jgit)
  # JGit's own dependencies, as jdvc.jar's Class-Path names them (target/lib)
  lib=$(cd "$root/target/lib" && ls slf4j-api-*.jar slf4j-nop-*.jar JavaEWAH-*.jar | sed "s|^|$root/target/lib/|" | paste -sd: -)
  jar --create --file "$out/trivial.jar" --main-class TrivialMain -C "$out/classes" TrivialMain.class
  jar --create --file "$out/picocli.jar" --main-class PicocliVersion -C "$out/classes" PicocliVersion.class \
    -C "$out/picocli" .
  jar --create --file "$out/jgit.jar" -C "$out/classes" CachedAnswer.class -C "$out/jgit" .
  local cp_jgit="$out/jgit.jar:$lib" dump use train
  if [ "$FLOORS_EXT" = aot ]; then dump=-XX:AOTCacheOutput=; use=-XX:AOTCache=; else
    dump=-XX:ArchiveClassesAtExit=; use=-XX:SharedArchiveFile=; fi
  # Each archive trained as bin/jdvc trains its own: a run of the program that exits, dumping at exit.
  "$java" "${FLOORS_FLAGS[@]}" "${dump}$out/trivial.$FLOORS_EXT" -jar "$out/trivial.jar" >/dev/null 2>&1
  "$java" "${FLOORS_FLAGS[@]}" "${dump}$out/picocli.$FLOORS_EXT" -jar "$out/picocli.jar" --version >/dev/null 2>&1
  train=$(mktemp -d "${TMPDIR:-/tmp}/jdvc-floor.XXXXXX")
  (cd "$train" && git init -q && echo pointer > p.dvc && git add p.dvc &&
    git -c user.name=floor -c user.email=floor@localhost -c commit.gpgsign=false commit -qm floor &&
    "$java" "${FLOORS_FLAGS[@]}" "${dump}$out/jgit.$FLOORS_EXT" -cp "$cp_jgit" CachedAnswer p.dvc HEAD) >/dev/null 2>&1
  rm -rf "$train"
  local f
  for f in trivial picocli jgit; do
    [ -f "$out/$f.$FLOORS_EXT" ] || { echo "floors: no class archive for $f" >&2; return 1; }
  done
  FLOOR_TRIVIAL=("$java" "${FLOORS_FLAGS[@]}" "${use}$out/trivial.$FLOORS_EXT" -jar "$out/trivial.jar")
  FLOOR_PICOCLI=("$java" "${FLOORS_FLAGS[@]}" "${use}$out/picocli.$FLOORS_EXT" -jar "$out/picocli.jar")
  FLOOR_JGIT=("$java" "${FLOORS_FLAGS[@]}" "${use}$out/jgit.$FLOORS_EXT" -cp "$cp_jgit" CachedAnswer)
}
