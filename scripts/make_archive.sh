#!/usr/bin/env bash
# Pack dist/keiwhatif (onedir) with the Linux install scripts into dist/keiwhatif-VERSION-linux-x86_64.tar.gz
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' core/version.py)
arch=$(uname -m)
name="keiwhatif-${version}-linux-${arch}"
stage="build/archive/${name}"
rm -rf build/archive && mkdir -p "$stage"
cp -a dist/keiwhatif "$stage/keiwhatif"
cp packaging/linux/install.sh packaging/linux/uninstall.sh packaging/linux/keiwhatif.desktop "$stage/"
cp resources/icons/keiwhatif.svg "$stage/keiwhatif.svg"
cp packaging/linux/README.txt "$stage/README.txt"
tar -C build/archive -czf "dist/${name}.tar.gz" "$name"
echo "archive: dist/${name}.tar.gz ($(du -m "dist/${name}.tar.gz" | cut -f1) MB)"
