# Sourced by ./mvnw, ./dev and .ci/run: make sure a JDK >= 21 is selected.
# Keeps a JAVA_HOME that is already new enough; otherwise picks the newest JDK >= 21 under the usual roots.
payguard_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1
}
payguard_select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    local v; v=$(payguard_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then export PATH="$JAVA_HOME/bin:$PATH"; return 0; fi
  fi
  local best="" bestv=0 d v restore_noglob=""
  case $- in *f*) restore_noglob=1; set +f ;; esac
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ] || continue
    v=$(payguard_java_major "$d")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best="$d"; bestv="$v"; fi
  done
  [ -n "$restore_noglob" ] && set -f
  if [ -z "$best" ] && command -v java >/dev/null 2>&1; then
    local jh; jh=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    v=$(payguard_java_major "$jh")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then best="$jh"; fi
  fi
  if [ -z "$best" ]; then
    echo "error: PayGuard needs a JDK >= 21 (found: $(java -version 2>&1 | head -1 || echo none)). Install one (e.g. Temurin 21 or 25) and set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}
payguard_select_jdk || exit 1
