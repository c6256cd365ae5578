# Finds a JDK >= 21 and exports JAVA_HOME. POSIX sh: sourced by ./mvnw and ./stockflow.
# Order: JAVA_HOME if new enough, then the newest JDK under /usr/lib/jvm, then java on PATH.
stockflow_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
stockflow_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ] &&
    [ "$(stockflow_java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  _sf_best="" _sf_best_major=0
  _sf_noglob=$(set +o | grep noglob)
  set +f
  for _sf_home in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* \
    "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")"; do
    [ -x "$_sf_home/bin/javac" ] || continue
    _sf_major=$(stockflow_java_major "$_sf_home")
    if [ -n "$_sf_major" ] && [ "$_sf_major" -ge 21 ] && [ "$_sf_major" -gt "$_sf_best_major" ]; then
      _sf_best=$_sf_home _sf_best_major=$_sf_major
    fi
  done
  eval "$_sf_noglob"
  if [ -z "$_sf_best" ]; then
    echo "Stockflow needs a JDK 21 or newer; none found (JAVA_HOME, /usr/lib/jvm/*, PATH)." >&2
    echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or a Temurin JDK, or set JAVA_HOME." >&2
    return 1
  fi
  JAVA_HOME=$_sf_best
  export JAVA_HOME
}
stockflow_find_jdk || exit 1
