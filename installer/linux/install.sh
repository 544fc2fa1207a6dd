#!/bin/sh
# Install Utväg for the current user: no root, nothing outside the home folder.
#
#   ./install.sh            install or upgrade (the vault and settings are never touched)
#
# Installs the program to ~/.local/lib/utvag, a command ~/.local/bin/utvag, a menu entry
# in ~/.local/share/applications and an icon in ~/.local/share/icons. UTVAG_PREFIX
# (default ~/.local) installs elsewhere, e.g. for a test.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix=${UTVAG_PREFIX:-"$HOME/.local"}
lib="$prefix/lib/utvag"
bin="$prefix/bin"
apps="$prefix/share/applications"
icons="$prefix/share/icons/hicolor"
version=$(cat "$here/VERSION" 2>/dev/null || echo "?")

if [ "$(id -u)" = "0" ] && [ -z "${UTVAG_PREFIX:-}" ]; then
  echo "install.sh: run this as the user who will use Utväg, not as root." >&2
  exit 2
fi
if [ ! -x "$here/utvag/utvag" ]; then
  echo "install.sh: $here/utvag/utvag is missing; unpack the whole archive first." >&2
  exit 2
fi

mkdir -p "$prefix/lib" "$bin" "$apps" "$icons/256x256/apps" "$icons/scalable/apps"
# Copy beside the old version, then swap, so a failed copy leaves the old one working.
staging="$lib.new.$$"
rm -rf "$staging"
cp -R "$here/utvag" "$staging"
cp "$here/uninstall.sh" "$staging/uninstall.sh"
cp "$here/VERSION" "$staging/VERSION" 2>/dev/null || true
chmod 755 "$staging/uninstall.sh"
if [ -e "$lib" ]; then
  rm -rf "$lib.old"
  mv "$lib" "$lib.old"
fi
mv "$staging" "$lib"
rm -rf "$lib.old"

ln -sf "$lib/utvag" "$bin/utvag"
cp "$here/utvag.png" "$icons/256x256/apps/utvag.png"
cp "$here/utvag.svg" "$icons/scalable/apps/utvag.svg"
sed -e "s|@EXEC@|$lib/utvag|g" -e "s|@VERSION@|$version|g" \
  "$here/utvag.desktop.in" > "$apps/utvag.desktop"
chmod 644 "$apps/utvag.desktop"
command -v update-desktop-database >/dev/null 2>&1 \
  && update-desktop-database "$apps" >/dev/null 2>&1 || true

echo "Utväg $version installerat i $lib"
echo "Starta från programmenyn eller med: $bin/utvag"
case ":$PATH:" in
  *":$bin:"*) ;;
  *) echo "Obs: $bin finns inte i PATH; lägg till det eller använd hela sökvägen." ;;
esac
