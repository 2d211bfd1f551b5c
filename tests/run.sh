#!/usr/bin/env bash
# Builds BounceDesk with warnings as errors, runs the whole test suite headless, then builds
# and checks the Debian package.
set -euo pipefail
cd "$(dirname "$0")/.."

packaging/install-deps.sh
cmake --preset ci
cmake --build --preset ci
QT_QPA_PLATFORM=offscreen ctest --preset ci

# The Debian package: built, validated, unpacked and run from a temporary root.
packaging/check-package.sh
