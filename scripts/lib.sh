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

# Debian packages that building the desktop app needs (Tauri 2 on WebKitGTK
# 4.1), plus the CJK font the window's text uses.
BUILD_PACKAGES="libwebkit2gtk-4.1-dev build-essential file libssl-dev librsvg2-dev libxdo-dev pkg-config fonts-noto-cjk"
# What the end-to-end tests add: a virtual display, WebKit's WebDriver, and
# poppler's pdftotext/pdffonts to read the exported PDF back, and LibreOffice
# headless to prove that Word and Excel files open in an office suite; a
# PostgreSQL server (started throw-away by scripts/pg-test-server, with an
# openssl-made test CA) for the station's shared database.
TEST_PACKAGES="xvfb xauth webkit2gtk-driver poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui postgresql openssl"

# Install the UI's exact dependencies (when the lock file changed) and build
# it into ui/dist, which the app embeds at compile time.
build_ui() {
    if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
        echo "==> 安装界面依赖 / npm ci (ui)"
        (cd ui && npm ci --no-audit --no-fund)
    fi
    echo "==> 构建界面 / building the UI"
    (cd ui && npm run build --silent)
}
