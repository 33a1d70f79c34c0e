#!/usr/bin/env sh
# Remove what install.sh placed (your saved scenarios elsewhere are left alone).
set -eu
data="${XDG_DATA_HOME:-$HOME/.local/share}"
rm -rf "$data/keiwhatif"
rm -f "$HOME/.local/bin/keiwhatif" "$data/applications/keiwhatif.desktop" \
      "$data/icons/hicolor/scalable/apps/keiwhatif.svg"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" >/dev/null 2>&1 || true
echo "Kei What-If removed."
