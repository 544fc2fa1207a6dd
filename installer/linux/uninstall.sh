#!/bin/sh
# Remove Utväg for the current user. The vault (case files) and settings are KEPT
# unless --remove-data is given, because they cannot be recovered once deleted.
#
#   ~/.local/lib/utvag/uninstall.sh                  remove the program only
#   ~/.local/lib/utvag/uninstall.sh --remove-data    also delete the vault and settings
set -eu

prefix=${UTVAG_PREFIX:-"$HOME/.local"}
remove_data=no
for arg in "$@"; do
  case "$arg" in
    --remove-data) remove_data=yes ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "uninstall.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

lib="$prefix/lib/utvag"
link="$prefix/bin/utvag"
if [ -L "$link" ] && [ "$(readlink "$link")" = "$lib/utvag" ]; then
  rm -f "$link"
fi
rm -f "$prefix/share/applications/utvag.desktop"
rm -f "$prefix/share/icons/hicolor/256x256/apps/utvag.png"
rm -f "$prefix/share/icons/hicolor/scalable/apps/utvag.svg"
rm -rf "$lib"
echo "Utväg är avinstallerat."

# The same folders as platformdirs uses in the app (user_data_dir, user_config_dir).
data="${XDG_DATA_HOME:-$HOME/.local/share}/Utvag"
config="${XDG_CONFIG_HOME:-$HOME/.config}/Utvag"
if [ "$remove_data" = yes ]; then
  rm -rf "$data" "$config"
  echo "Valvet och inställningarna är borttagna ($data, $config)."
else
  [ -d "$data" ] && echo "Valvet finns kvar i $data (ta bort med --remove-data)."
  true
fi
