# Finds a JDK 21 or newer; sourced by ./distill, ./test and .ci/run (bash).
#
#   find_jdk PROGRAM   sets JAVA_HOME and JAVA_MAJOR, exports JAVA_HOME, puts its bin first on PATH
#                      and, for JDK 24+, adds --sun-misc-unsafe-memory-access=allow to MAVEN_OPTS;
#                      on failure prints one line "PROGRAM: needs a JDK 21 or newer (found: ...);
#                      set JAVA_HOME" and returns 1.
#
# Looks at $JAVA_HOME, then `java` on the PATH, then the newest JDK under /usr/lib/jvm and the usual
# macOS location (or the space-separated globs in $DISTILL_JDK_DIRS). A JDK needs bin/java and
# bin/javac (Maven compiles).

DISTILL_MIN_JAVA=21

# The major version of a java binary (8 for 1.8), or nothing if it does not run.
java_major() {
    local v
    v=$("$1" -version 2>&1 | sed -n 's/^[^"]* version "\([^"]*\)".*/\1/p' | head -n 1)
    [ -n "$v" ] || return 1
    case "$v" in
        1.*) v=${v#1.} ;;
    esac
    v=${v%%[!0-9]*}
    [ -n "$v" ] || return 1
    echo "$v"
}

find_jdk() {
    local prog=${1:-distill} found="" best="" best_major=0 home major java
    # 1. JAVA_HOME
    if [ -n "${JAVA_HOME:-}" ]; then
        if [ -x "$JAVA_HOME/bin/java" ] && major=$(java_major "$JAVA_HOME/bin/java"); then
            if [ "$major" -ge "$DISTILL_MIN_JAVA" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
                best=$JAVA_HOME best_major=$major
            else
                found="$found, Java $major at \$JAVA_HOME=$JAVA_HOME"
            fi
        else
            found="$found, nothing usable at \$JAVA_HOME=$JAVA_HOME"
        fi
    fi
    # 2. java on the PATH
    if [ -z "$best" ] && java=$(command -v java 2>/dev/null); then
        java=$(readlink -f "$java" 2>/dev/null || echo "$java") # /usr/bin/java -> the JDK's
        home=$(cd "$(dirname "$java")/.." && pwd)
        if major=$(java_major "$java"); then
            if [ "$major" -ge "$DISTILL_MIN_JAVA" ] && [ -x "$home/bin/javac" ]; then
                best=$home best_major=$major
            else
                found="$found, Java $major at $java"
            fi
        fi
    fi
    # 3. the newest JDK in the usual places
    if [ -z "$best" ]; then
        local dirs=${DISTILL_JDK_DIRS:-/usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home}
        for home in $dirs; do
            [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
            home=$(cd -P "$home" && pwd)
            major=$(java_major "$home/bin/java") || continue
            if [ "$major" -ge "$DISTILL_MIN_JAVA" ] && [ "$major" -gt "$best_major" ]; then
                best=$home best_major=$major
            elif [ "$major" -lt "$DISTILL_MIN_JAVA" ]; then
                case "$found" in *"$major at $home"*) ;; *) found="$found, Java $major at $home" ;; esac
            fi
        done
    fi
    if [ -z "$best" ]; then
        found=${found#, }
        echo "$prog: needs a JDK 21 or newer (found: ${found:-no java}); set JAVA_HOME" >&2
        return 1
    fi
    JAVA_HOME=$best
    JAVA_MAJOR=$best_major
    export JAVA_HOME
    PATH="$JAVA_HOME/bin:$PATH"
    export PATH
    if [ "$JAVA_MAJOR" -ge 24 ]; then
        case " ${MAVEN_OPTS:-} " in
            *" --sun-misc-unsafe-memory-access="*) ;;
            *) MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
        esac
        export MAVEN_OPTS
    fi
    return 0
}
