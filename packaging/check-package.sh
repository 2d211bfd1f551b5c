#!/usr/bin/env bash
# Builds the Debian package in a release build, validates the desktop entry and the AppStream
# metainfo, unpacks the package into a temporary root and runs the packaged binary from there:
# --version, the window's start from its module, and a CLI export against the packaged emulator
# (`bouncedesk sandbox`).
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset release >/dev/null
cmake --build --preset release
(cd build/release && cpack -G DEB >/dev/null)
deb=$(ls build/release/bouncedesk_*.deb)
echo "Built $deb"

root=$(mktemp -d)
sandbox_pid=""
cleanup() {
    [[ -n $sandbox_pid ]] && kill "$sandbox_pid" 2>/dev/null || true
    rm -rf "$root"
}
trap cleanup EXIT

dpkg-deb -x "$deb" "$root"
app_id=$(sed -n 's/^set(BOUNCEDESK_APP_ID "\(.*\)")$/\1/p' CMakeLists.txt)
desktop-file-validate "$root/usr/share/applications/$app_id.desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml"
for f in "usr/share/icons/hicolor/scalable/apps/$app_id.svg" "usr/share/man/man1/bouncedesk.1.gz"; do
    [[ -s $root/$f ]] || { echo "missing from the package: $f" >&2; exit 1; }
done
man -l "$root/usr/share/man/man1/bouncedesk.1.gz" >/dev/null
dpkg-deb -f "$deb" Depends | grep -q libsecret-1-0
dpkg-deb -f "$deb" Depends | grep -q libqt6widgets6
dpkg-deb -f "$deb" Depends | grep -q libexpat1 # linked, so found by dpkg-shlibdeps
dpkg-deb -f "$deb" Depends | grep -q libqt6charts6 # the timeline; linked, found the same way
dpkg-deb -f "$deb" Depends | grep -q qt6-translations-l10n # Qt's own strings in German

bin="$root/usr/bin/bouncedesk"
"$bin" --version
module="$(find "$root/usr/lib" -name bouncedesk-window.so)"
[[ -n "$module" ]] || { echo "missing from the package: the window's module" >&2; exit 1; }
# Everything linked is the system's: no library search path of its own (lintian's
# custom-library-search-path), none that names the current directory.
for elf in "$bin" "$module"; do
    if readelf -d "$elf" | grep -qE '\((RPATH|RUNPATH)\)'; then
        echo "$elf has a library search path: $(readelf -d "$elf" | grep -E 'R(UN)?PATH')" >&2
        exit 1
    fi
done

export HOME="$root/home" XDG_CONFIG_HOME="$root/home/.config"
mkdir -p "$HOME"

# The window's module, found from the unpacked executable: it starts the window's QApplication,
# and a CA file that is no certificate ends that start with exit code 2 (offscreen, no dialog).
echo "not a certificate" >"$root/not-a-certificate.pem"
status=0
QT_QPA_PLATFORM=offscreen BOUNCEDESK_CA_FILE="$root/not-a-certificate.pem" "$bin" \
    2>"$root/window.err" || status=$?
if [[ $status -ne 2 ]] || ! grep -q '^bouncedesk: BOUNCEDESK_CA_FILE: ' "$root/window.err"; then
    echo "the packaged window did not start from its module (exit $status):" >&2
    cat "$root/window.err" >&2
    exit 1
fi

# The packaged emulator on a free port, then a real export from the packaged binary.
"$bin" sandbox --port 0 >"$root/sandbox.out" 2>&1 &
sandbox_pid=$!
for _ in $(seq 50); do
    grep -q '^BOUNCEDESK_API_URL=' "$root/sandbox.out" && break
    sleep 0.1
done
eval "$(grep -E '^(BOUNCEDESK_API_URL|SENDGRID_API_USER|SENDGRID_API_KEY)=' "$root/sandbox.out" | sed 's/^/export /')"
"$bin" export --customer acme -o "$root/acme.csv"
rows=$(($(wc -l <"$root/acme.csv") - 1))
[[ $rows -gt 0 ]] || { echo "the packaged export wrote no rows" >&2; exit 1; }
echo "Package check passed: $deb (export of $rows lines)"
