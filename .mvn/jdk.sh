#!/bin/sh
# Prints the home of a JDK >= 21 (the project's minimum), so that ./mvnw and the local-stack
# launcher work on machines whose default java is older. Order: $JAVA_HOME, the java on PATH,
# then the usual install folders (highest version wins). Exits 1 with a message if none is found.
min=21

major_of() { # $1 = JDK home; prints its feature version or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9][0-9]*\).*/\1/p')
  fi
  [ "$v" = 1 ] && v=8
  printf '%s' "$v"
}

if [ -n "${JAVA_HOME-}" ] && [ "$(major_of "$JAVA_HOME")" -ge "$min" ] 2>/dev/null; then
  printf '%s\n' "$JAVA_HOME"; exit 0
fi
if command -v java >/dev/null 2>&1; then
  home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  if [ "$(major_of "$home")" -ge "$min" ] 2>/dev/null; then printf '%s\n' "$home"; exit 0; fi
fi
best=; best_v=0
for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
            "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  [ -d "$home" ] || continue
  v=$(major_of "$home")
  [ -n "$v" ] && [ "$v" -ge "$min" ] && [ "$v" -gt "$best_v" ] && { best=$home; best_v=$v; }
done
if [ -n "$best" ]; then printf '%s\n' "$best"; exit 0; fi
echo "No JDK >= $min found (looked at JAVA_HOME, PATH and /usr/lib/jvm). Install one or set JAVA_HOME." >&2
exit 1
