#!/usr/bin/env sh
# Install Kei What-If for the current user: no root needed.
#   ~/.local/share/keiwhatif/        the program folder
#   ~/.local/bin/keiwhatif           a launcher on PATH
#   ~/.local/share/applications/     the menu entry (freedesktop .desktop file)
#   ~/.local/share/icons/hicolor/scalable/apps/keiwhatif.svg
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data="${XDG_DATA_HOME:-$HOME/.local/share}"
prefix="$data/keiwhatif"
bindir="$HOME/.local/bin"
rm -rf "$prefix"
mkdir -p "$prefix" "$bindir" "$data/applications" "$data/icons/hicolor/scalable/apps"
cp -a "$here/keiwhatif/." "$prefix/"
ln -sf "$prefix/keiwhatif" "$bindir/keiwhatif"
cp "$here/keiwhatif.svg" "$data/icons/hicolor/scalable/apps/keiwhatif.svg"
sed "s|@EXEC@|$prefix/keiwhatif|" "$here/keiwhatif.desktop" > "$data/applications/keiwhatif.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" >/dev/null 2>&1 || true
echo "Installed Kei What-If to $prefix"
echo "Start it from your applications menu, or run: $bindir/keiwhatif"
