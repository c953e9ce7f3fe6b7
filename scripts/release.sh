#!/usr/bin/env bash
# Release archives for people without Rust, in dist/:
#   ambassador-VERSION-linux-x86_64.tar.gz    one static program (musl), README, LICENSE
#   ambassador-VERSION-windows-x86_64.zip     ambassador.exe, README, LICENSE
# macOS cannot be linked here (Apple's SDK is not in Debian): on a Mac, `cargo build
# --release` gives the program; the code is checked for both Mac processors in CI.
# Installs musl-tools, mingw-w64 and zip with apt-get where it can (scripts/lib/needs.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
needed="musl-gcc:musl-tools x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64 zip:zip"
# shellcheck source=scripts/lib/needs.sh
. scripts/lib/needs.sh
install_needed scripts/release.sh

rm -rf dist
mkdir -p dist
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# $1: target, $2: the archive's system name, $3: the program's file name
package() {
  local target=$1 system=$2 program=$3 name
  rustup target add "$target" >/dev/null
  cargo build --locked --release --target "$target"
  name="ambassador-$version-$system-x86_64"
  mkdir -p "$stage/$name"
  cp "target/$target/release/$program" README.md LICENSE "$stage/$name/"
  case "$system" in
    windows) (cd "$stage" && zip -qr "$OLDPWD/dist/$name.zip" "$name") ;;
    *) tar -C "$stage" -czf "dist/$name.tar.gz" "$name" ;;
  esac
  echo "dist: $(ls dist | grep "$name")"
}

package x86_64-unknown-linux-musl linux ambassador
package x86_64-pc-windows-gnu windows ambassador.exe
