#!/usr/bin/env bash
# Builds BounceDesk with warnings as errors and runs the whole test suite headless.
set -euo pipefail
cd "$(dirname "$0")/.."

packaging/install-deps.sh
cmake --preset ci
cmake --build --preset ci
QT_QPA_PLATFORM=offscreen ctest --preset ci
