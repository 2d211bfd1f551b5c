#!/usr/bin/env bash
# Installs the Debian 12 packages BounceDesk needs to build, test and run.
# Only asks apt when something is missing, so repeated runs cost nothing.
set -euo pipefail

packages=(
    g++ cmake ninja-build ccache pkg-config python3
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-svg-dev libqt6svg6 qt6-qpa-plugins libgl-dev
    # Qt's own strings (Cancel, the file dialog) in German; tst_translations checks them.
    qt6-translations-l10n
    qtkeychain-qt6-dev libsecret-1-0
    # The window's timeline (ui/timelineview); Debian 12's Qt6Charts CMake package needs Qt6OpenGL's.
    qt6-charts-dev libqt6opengl6-dev
    libsimdjson-dev
    # Expat reads XML bodies (app/parse); the package depends on libexpat1 via dpkg-shlibdeps.
    libexpat1-dev
    # zlib: the emulator compresses its answers when a test asks (app/sandbox/sandboxgzip).
    zlib1g-dev
    dpkg-dev desktop-file-utils appstream man-db
    # tests/run.sh: the asan build uses g++'s sanitizers (libasan8, libubsan1 come with g++);
    # the fuzz targets need clang with libFuzzer; llvm gives llvm-symbolizer for readable stacks.
    clang libclang-rt-14-dev llvm
)

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=""
if [[ $(id -u) -ne 0 ]]; then
    sudo="sudo"
fi
echo "Installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
