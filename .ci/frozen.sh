#!/usr/bin/env bash
# CI: build the frozen Linux bundle and prove it the way a locked-down laptop would use it.
#  1. build (python3 dev.py build, from requirements/lock.txt): build time, unpacked size
#     (the build fails over 150 MiB), the SBOM lists the bundled packages with versions
#  2. install the tarball as an unprivileged user (install.sh, under ~/.local only)
#  3. `utvag --self-test` from the installed bundle with `env -i` (no Python on PATH, no
#     keyring, no D-Bus), as that user, inside a network namespace with no network;
#     then a vault bound through Secret Service (gnome-keyring), the backend named explicitly
#  4. the frozen GUI (offscreen) reaches the first-run wizard and the unlock window;
#     a malformed policy stops it; start time to the unlock window, frozen and from source
#  5. uninstall.sh keeps the vault; --remove-data removes it
# Takes about 3-5 minutes on the 2-core CI machine.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECONDS=0

say() { printf 'frozen: %s\n' "$*"; }
fail() { printf 'frozen: FAIL %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------------ 1. build
# Tools the build uses on Linux: strip/objcopy (binutils), and icupkg/genccode + a C
# compiler to trim Qt's ICU data (without them the bundle is ~149 MiB instead of ~125).
missing_tools() { for t in icupkg genccode objcopy strip cc; do command -v "$t" >/dev/null || return 0; done; return 1; }
if [ "$(id -u)" = 0 ] && missing_tools; then
  { apt-get update -qq && apt-get install -y -qq icu-devtools binutils gcc; } >/dev/null 2>&1 \
    || say "could not install icu-devtools/binutils/gcc; building without them"
fi
start=$(date +%s.%N)
python3 dev.py build
build_s=$(python3 -c "import time,sys; print(f'{time.time()-float(sys.argv[1]):.0f}')" "$start")
info=dist/build-info.json
version=$(python3 -c "import json;print(json.load(open('$info'))['version'])")
mib=$(python3 -c "import json;print(json.load(open('$info'))['bundle_mib'])")
mb=$(python3 -c "import json;print(round(json.load(open('$info'))['bundle_bytes']/1e6,1))")
tarball="dist/$(python3 -c "import json;print(json.load(open('$info'))['tarball'])")"
say "built Utväg $version in ${build_s} s; bundle ${mib} MiB (${mb} MB) unpacked; $(du -h "$tarball" | cut -f1) tarball"
python3 - "$info" <<'EOF' || fail "bundle over budget"
import json, sys
info = json.load(open(sys.argv[1]))
sys.exit(0 if info["bundle_bytes"] <= 150 * 1024 * 1024 else 1)
EOF
# The SBOM (CycloneDX JSON) of what the bundle holds, written by the build from the
# packages PyInstaller bundled (the build fails if one differs from requirements/lock.txt).
sbom="dist/$(python3 -c "import json;print(json.load(open('$info'))['sbom'])")"
listed=$(.venv/bin/python installer/sbom.py --check "$sbom" PySide6-Essentials pyHanko \
  sqlcipher3 cryptography) || fail "the SBOM $sbom does not list what the bundle holds"
say "$listed ($sbom)"
tar -tzf "$tarball" | grep -c "/$(basename "$sbom")\$" >/dev/null || fail "the tarball has no SBOM"

# ------------------------------------------------- 2. an unprivileged user
if [ "$(id -u)" = 0 ]; then
  user=utvagci
  id "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/sh "$user"
  home=$(getent passwd "$user" | cut -d: -f6)
  as_user() { runuser -u "$user" -- "$@"; }
  no_net() { unshare --net -- "$@"; }
else  # a developer's own machine: already unprivileged
  user=$(id -un)
  home=$(mktemp -d)
  as_user() { "$@"; }
  no_net() { unshare --map-root-user --net -- "$@"; }
fi
isolated() { no_net runuser -u "$user" -- env -i "$@"; }  # no network, no root, no env
[ "$(id -u)" = 0 ] || isolated() { no_net env -i "$@"; }
work="$home/utvag-ci"
as_user rm -rf "$work" "$home/.local/lib/utvag" "$home/.local/share/Utvag" "$home/.config/Utvag"
as_user mkdir -p "$work"
as_user tar -xzf - -C "$work" <"$tarball"
unpacked=$(find "$work" -maxdepth 1 -mindepth 1 -type d | head -n1)
as_user env -i HOME="$home" PATH=/usr/bin:/bin sh "$unpacked/install.sh"
exe="$home/.local/lib/utvag/utvag"
for f in "$home/.local/bin/utvag" "$home/.local/share/applications/utvag.desktop" \
  "$home/.local/share/icons/hicolor/256x256/apps/utvag.png" "$exe"; do
  [ -e "$f" ] || fail "install.sh did not create $f"
done
[ "$(isolated "$home/.local/bin/utvag" --version)" = "Utväg $version" ] || fail "--version"
say "installed as $user under $home/.local"

# ------------------------------------------- 3. self-test: env -i, no network
no_net sh -c 'test "$(grep -c : /proc/net/dev)" = 1' || fail "the namespace still has a network"
set +e
isolated "$exe" --self-test >"$work/selftest.log" 2>&1
rc=$?
set -e
sed 's/^/frozen:   /' "$work/selftest.log"
[ "$rc" = 0 ] || fail "self-test of the frozen bundle exited $rc"
say "self-test passed in the frozen bundle (env -i, user $user, no network)"

# ------------------------------ 3b. keyring binding through the explicit backend
# A frozen build cannot discover keyring backends; it must name Secret Service itself.
if [ "$(id -u)" = 0 ] && ! command -v gnome-keyring-daemon >/dev/null; then
  apt-get install -y -qq gnome-keyring dbus >/dev/null 2>&1 || true
fi
if command -v gnome-keyring-daemon >/dev/null && command -v dbus-run-session >/dev/null; then
  kr_home="$work/home-keyring"; as_user mkdir -p "$kr_home"
  cat >"$work/keyring.sh" <<'EOF'
eval "$(printf 'ci\n' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
printf '%s\n' "ci lösenfras med fyra ord" | "$1" vault init --vault "$HOME/v" --name CI >/dev/null
printf '%s\n' "ci lösenfras med fyra ord" | "$1" vault check --vault "$HOME/v" >/dev/null
grep -o '"mode": *"[a-z-]*"' "$HOME/v/keyslots.json"
EOF
  mode=$(isolated HOME="$kr_home" PATH=/usr/bin:/bin /usr/bin/dbus-run-session -- sh "$work/keyring.sh" "$exe" 2>/dev/null) \
    || fail "vault with keyring binding in the frozen bundle"
  case "$mode" in *'"keyring"'*) say "frozen bundle binds the vault through Secret Service ($mode)" ;;
    *) fail "frozen bundle did not bind to Secret Service: $mode" ;; esac
else
  say "no gnome-keyring here: keyring binding of the frozen bundle not checked"
fi

# ------------------------------------------ 4. GUI start and cold-start time
# UTVAG_EXIT_WHEN_READY=1 (ui/shell/readiness.py) prints "ready: <window>" once the first
# window is on screen and the event loop is idle, then quits. Timed from outside, from
# launching the process to its exit.
gui() {  # gui HOME COMMAND...: prints "ready: <window> <milliseconds>"
  local run_home=$1 t0 t1 out; shift
  t0=$(date +%s%N)
  out=$("${runner[@]}" HOME="$run_home" QT_QPA_PLATFORM=offscreen UTVAG_EXIT_WHEN_READY=1 \
    /usr/bin/timeout 60 "$@" 2>>"$work/gui.err") || return 1
  t1=$(date +%s%N)
  echo "$(grep '^ready:' <<<"$out" | head -n1) $(( (t1 - t0) / 1000000 ))"
}
drop_caches() { sync; if echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; then echo cold; else echo warm; fi; }
runner=(isolated)

fresh="$work/home-new"; as_user mkdir -p "$fresh"
line=$(gui "$fresh" "$exe") || { cat "$work/gui.err" >&2; fail "frozen GUI did not start"; }
case "$line" in "ready: FirstRunWizard "*) say "frozen GUI, new user: first-run wizard after ${line##* } ms" ;;
  *) fail "frozen GUI, new user: expected the first-run wizard, got '$line'" ;; esac
preview=$("${runner[@]}" HOME="$fresh" QT_QPA_PLATFORM=offscreen UTVAG_EXIT_WHEN_READY=pdf \
  /usr/bin/timeout 60 "$exe" 2>>"$work/gui.err" | grep '^ready:' || true)
case "$preview" in *"pdf-preview=yes"*) say "frozen GUI can draw the handover preview (QtPdf)" ;;
  *) fail "frozen GUI cannot load QtPdf for the handover preview: '$preview'" ;; esac
written=$(find "$fresh" -mindepth 1 -not -path "$fresh/.cache*" | head -n3)
[ -z "$written" ] || fail "starting the GUI wrote into the home folder: $written"

printf '{"idle_lock_minutes": 0}\n' >"$work/bad-policy.json"
set +e
out=$(isolated UTVAG_POLICY_FILE="$work/bad-policy.json" "$exe" vault check --vault "$fresh/v" 2>&1)
rc=$?
set -e
[ "$rc" = 5 ] && grep -q "idle_lock_minutes" <<<"$out" || fail "a malformed policy did not stop the app ($rc): $out"
say "a malformed policy stops the app: $out"

vault_home="$work/home-vault"; as_user mkdir -p "$vault_home"
printf '%s\n' "ci lösenfras med fyra ord" | as_user env -i HOME="$vault_home" "$exe" vault init \
  --vault "$vault_home/.local/share/Utvag/vault" --no-device-binding --name "CI Handläggare" >/dev/null
frozen=(); from_source=()
for _ in 1 2 3; do
  state=$(drop_caches)
  runner=(isolated)
  line=$(gui "$vault_home" "$exe") || { cat "$work/gui.err" >&2; fail "frozen GUI did not start"; }
  case "$line" in "ready: UnlockWindow "*) ;; *) fail "frozen GUI: expected the unlock window, got '$line'" ;; esac
  frozen+=("${line##* }")
  drop_caches >/dev/null
  # From source: the project's .venv (made by dev.py), as the CI's own user, who can read
  # the checkout; still no network and an empty environment.
  runner=(no_net env -i)
  line=$(gui "$vault_home" "$ROOT/.venv/bin/python" -m ui.launcher) \
    || { cat "$work/gui.err" >&2; fail "source GUI did not start"; }
  case "$line" in "ready: UnlockWindow "*) ;; *) fail "source GUI: expected the unlock window, got '$line'" ;; esac
  from_source+=("${line##* }")
done
# Reference: a minimal PySide6 window from the same .venv, started the same way.
minimal_py='from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("Utväg")
label.show()
QTimer.singleShot(0, lambda: (print("ready: QLabel", flush=True), app.quit()))
app.exec()'
minimal=()
for _ in 1 2 3; do
  drop_caches >/dev/null
  line=$(gui "$vault_home" "$ROOT/.venv/bin/python" -c "$minimal_py") \
    || fail "a minimal PySide6 window did not start"
  minimal+=("${line##* }")
done
say "start to the unlock window ($state page cache, 3 runs, ms): frozen ${frozen[*]}; from source ${from_source[*]}; minimal PySide6 window ${minimal[*]}"

# ------------------------------------------------------------- 5. uninstall
as_user mkdir -p "$home/.local/share/Utvag/vault" && as_user touch "$home/.local/share/Utvag/vault/keep"
as_user env -i HOME="$home" PATH=/usr/bin:/bin sh "$home/.local/lib/utvag/uninstall.sh" >/dev/null
[ ! -e "$home/.local/lib/utvag" ] && [ ! -e "$home/.local/bin/utvag" ] || fail "uninstall left the program"
[ -e "$home/.local/share/Utvag/vault/keep" ] || fail "uninstall removed the vault without --remove-data"
as_user env -i HOME="$home" PATH=/usr/bin:/bin sh "$unpacked/install.sh" >/dev/null
as_user env -i HOME="$home" PATH=/usr/bin:/bin sh "$home/.local/lib/utvag/uninstall.sh" --remove-data >/dev/null
[ ! -e "$home/.local/share/Utvag" ] || fail "uninstall --remove-data kept the vault"
say "uninstall keeps the vault; --remove-data removes it"
as_user rm -rf "$work"
say "done in ${SECONDS} s"
