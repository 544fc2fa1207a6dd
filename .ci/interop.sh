#!/usr/bin/env bash
# Interop checks for sealed handover packets (issue 4 §6) with independent readers:
#   poppler  pdfsig     valid signature, total document signed
#   qpdf     --decrypt  opens a passphrase packet; pdftotext extracts its text
#   PDFBox   (Java)     opens a certificate packet with the recipient's PKCS#12
# Installs what it needs (Debian/Ubuntu, as root or with sudo), then runs
# tests/interop with CI=true so a missing tool fails instead of skipping.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(poppler-utils qpdf default-jre-headless libpdfbox2-java
          libbcprov-java libbcpkix-java libbcutil-java)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] && PYTHON=.venv/bin/python
export CI=true
"$PYTHON" -m pytest -q -m interop tests
