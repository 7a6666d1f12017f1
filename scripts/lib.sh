# What the dev-server scripts (vault-dev.sh, aws-dev.sh) share; sourced, not run.
# The sourcing script sets NAME (for log lines) and STATE (its state directory)
# and ends with `dispatch "$@"` after defining `start`.

CACHE=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/secretguard

log() { echo "$NAME: $*" >&2; }

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

random_value() { python3 -c "import secrets; print(secrets.token_urlsafe($1))"; }

# venv_install VENV MARKER SPEC: pip-installs SPEC into VENV unless VENV/MARKER exists
venv_install() {
    local venv=$1 marker=$2 spec=$3
    if [[ -e $venv/$marker ]]; then
        return
    fi
    log "installing $spec into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "$spec" >&2
}

# fresh_state: stops a server left running, then makes an empty, private $STATE
fresh_state() {
    stop_quietly
    mkdir -p "$STATE"
    chmod 700 "$STATE"
}

# daemon COMMAND…: runs it in the background, output in $STATE/server.log, pid in $STATE/pid
daemon() {
    nohup "$@" > "$STATE/server.log" 2>&1 &
    echo $! > "$STATE/pid"
}

# wait_for URL: until something answers there (10 s at most)
wait_for() {
    for _ in $(seq 1 100); do
        curl -s "$1" >/dev/null 2>&1 && return
        sleep 0.1
    done
    log "nothing answers at $1; see $STATE/server.log"
    return 1
}

stop_quietly() {
    if [[ -f $STATE/pid ]]; then
        kill "$(cat "$STATE/pid")" 2>/dev/null || true
        sleep 0.2
    fi
    rm -rf "$STATE"
}

# finish ADDR: announces the server and prints the `export …` lines in $STATE/env
finish() {
    log "$1 (state in $STATE); stop it with: $0 stop"
    cat "$STATE/env"
}

dispatch() {
    case ${1:-} in
        start) start ;;
        stop) stop_quietly; log "stopped" ;;
        *) echo "usage: $0 start|stop" >&2; exit 2 ;;
    esac
}
