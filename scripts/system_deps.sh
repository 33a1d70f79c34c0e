#!/usr/bin/env bash
# Install exactly the Debian/Ubuntu packages Qt needs that are missing (never reinstall what
# dpkg already reports). As root: installs them. Otherwise: prints the exact apt-get line, exits 1.
#   scripts/system_deps.sh test   # offscreen Qt + PyInstaller, and a real X server (Xvfb,
#                                 # xdotool) for the kiosk escape test (make test, CI)
#   scripts/system_deps.sh run    # a real window as well (make run)
set -euo pipefail
mode="${1:-test}"

offscreen="libgl1 libegl1 libglib2.0-0 libxkbcommon0 libfontconfig1 libdbus-1-3"
build="binutils"
xtest="xvfb xauth xdotool"
window="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0"

case "$mode" in
  test) wanted="$offscreen $build $window $xtest" ;;
  run) wanted="$offscreen $window" ;;
  all) wanted="$offscreen $build $window $xtest" ;;
  *) echo "usage: $0 test|run|all" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "note: not a Debian/Ubuntu system; make sure Qt's system libraries (OpenGL, EGL, xcb, fontconfig) are installed." >&2
  exit 0
fi

missing=""
for p in $wanted; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
done
missing="${missing# }"
[ -z "$missing" ] && exit 0

line="apt-get install -y --no-install-recommends $missing"
if [ "$(id -u)" = "0" ]; then
  echo "Installing missing system packages: $missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "Missing system packages for Qt: $missing" >&2
  echo "Run:  sudo $line" >&2
  exit 1
fi
