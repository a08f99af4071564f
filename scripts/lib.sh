# Shared helpers for scripts/run and scripts/test. Source, don't execute.

# Install the Debian packages given as arguments unless they are installed
# already (apt-get, with sudo when not root).
ensure_apt() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "==> 安装系统软件包 / installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Fail early, in plain words, when a tool the scripts need is missing.
need() {
    command -v "$1" >/dev/null 2>&1 || { echo "缺少 $1 / $1 is missing: $2" >&2; exit 1; }
}
