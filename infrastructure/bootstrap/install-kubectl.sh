#!/bin/sh
# Installs the kubectl CI renders the overlays with (docs/operations.md §2.1): KUBECTL_VERSION
# from versions.env, the one place every downloaded tool is pinned. The download is verified
# against the kubectl.sha256 published with that release and, when versions.env fills in
# KUBECTL_SHA256_<ARCH>, against that too; any mismatch aborts before anything is installed.
#
# Usage: sh infrastructure/bootstrap/install-kubectl.sh [DEST_DIR]   (default /usr/local/bin)
set -eu

BOOTSTRAP_DIR=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
DEST_DIR=${1:-/usr/local/bin}

say() {
  printf '    %s\n' "$*"
}

fail() {
  printf 'install-kubectl: ERROR: %s\n' "$*" >&2
  exit 1
}

# shellcheck source=versions.env
. "$BOOTSTRAP_DIR/versions.env"
# shellcheck source=lib/download.sh
. "$BOOTSTRAP_DIR/lib/download.sh"

[ -n "${KUBECTL_VERSION:-}" ] || fail "versions.env has no KUBECTL_VERSION"
case "$(uname -m)" in
  x86_64 | amd64) ARCH=amd64 ;;
  aarch64 | arm64) ARCH=arm64 ;;
  *) fail "CPU architecture $(uname -m) is not supported (amd64 or arm64 only)" ;;
esac
[ -d "$DEST_DIR" ] || fail "$DEST_DIR is not a folder; pass an existing folder on PATH"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/install-kubectl.XXXXXX")
trap 'rm -rf -- "$WORK"' EXIT
trap 'exit 130' INT TERM

url="https://dl.k8s.io/release/$KUBECTL_VERSION/bin/linux/$ARCH/kubectl"
fetch "$url.sha256" "$WORK/kubectl.sha256"
fetch "$url" "$WORK/kubectl"
# The published file holds the bare hex digest.
upstream=$(tr -d ' \n' <"$WORK/kubectl.sha256")
verify "$WORK/kubectl" "kubectl $KUBECTL_VERSION ($ARCH)" "$upstream" "$(pinned_sha KUBECTL_SHA256)"
install -m 0755 "$WORK/kubectl" "$DEST_DIR/kubectl" || fail "cannot install kubectl into $DEST_DIR"
say "installed $DEST_DIR/kubectl $KUBECTL_VERSION"
