# shellcheck shell=sh
# Sourced by mvnw, bin/hvmigrate and .ci/run: when JAVA_HOME is not set and the `java` on PATH is older than 21,
# point JAVA_HOME at the newest JDK 21+ installed in the usual places. An explicit JAVA_HOME is always respected.
# `hvm_select_java runtime` accepts a Java runtime without a compiler (enough to run a distribution; a build needs a JDK).

hvm_java_major() { # $1 = path of a java executable; prints its feature version (8, 17, 21, ...)
  "$1" -version 2>&1 | sed -n '1s/.*version "\([0-9][0-9]*\)\(\.[0-9]*\)*.*".*/\1/p' | sed 's/^1$/8/'
}

hvm_release_major() { # $1 = a JDK home; prints the feature version from its release file
  [ -f "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release"
}

hvm_select_java() { # $1 = "runtime" when a Java runtime will do
  [ -n "${JAVA_HOME-}" ] && return 0
  if command -v java >/dev/null 2>&1; then
    major=$(hvm_java_major "$(command -v java)")
    [ -n "$major" ] && [ "$major" -ge 21 ] && return 0
  fi
  best="" bestmajor=0
  case $- in *f*) hvm_noglob=1; set +f ;; *) hvm_noglob=0 ;; esac
  for home in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$home/bin/java" ] || continue
    [ "${1-}" = runtime ] || [ -x "$home/bin/javac" ] || continue
    m=$(hvm_release_major "$home")
    [ -n "$m" ] || continue
    if [ "$m" -ge 21 ] && [ "$m" -gt "$bestmajor" ]; then best=$home bestmajor=$m; fi
  done
  [ "$hvm_noglob" = 1 ] && set -f
  if [ -n "$best" ]; then
    JAVA_HOME=$best
    export JAVA_HOME
    [ -n "${HVMIGRATE_QUIET_JAVA-}" ] || echo "hvmigrate: the java on PATH is older than 21; using Java $bestmajor at $best (set JAVA_HOME to choose another)" >&2
  fi
  return 0
}
