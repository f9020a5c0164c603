#!/bin/sh
# `mise run setup-k3s` (docs/operations.md §1): bootstraps a fresh Ubuntu 24.04 VPS into the
# single-node production cluster. POSIX shell because Node is not on the server yet.
#
# Needs DOMAIN and ACME_EMAIL; optional PP_ROOT (prefix for every path, used by tests) and
# MIN_FREE_DISK_MB (default 10240). Safe to re-run: each step says whether it changed anything.
set -eu

BOOTSTRAP_DIR=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
REPO_DIR=$(CDPATH='' cd -- "$BOOTSTRAP_DIR/../.." && pwd)
PP_ROOT=${PP_ROOT:-}
MIN_FREE_DISK_MB=${MIN_FREE_DISK_MB:-10240}
BIN_DIR="$PP_ROOT/usr/local/bin"
STATE_DIR="$PP_ROOT/var/lib/parametric-portal-bootstrap"

# shellcheck source=versions.env
. "$BOOTSTRAP_DIR/versions.env"
# shellcheck source=lib/common.sh
. "$BOOTSTRAP_DIR/lib/common.sh"
# shellcheck source=lib/download.sh
. "$BOOTSTRAP_DIR/lib/download.sh"
# shellcheck source=lib/preflight.sh
. "$BOOTSTRAP_DIR/lib/preflight.sh"
# shellcheck source=lib/artifacts.sh
. "$BOOTSTRAP_DIR/lib/artifacts.sh"
# shellcheck source=lib/cluster.sh
. "$BOOTSTRAP_DIR/lib/cluster.sh"
# shellcheck source=lib/addons.sh
. "$BOOTSTRAP_DIR/lib/addons.sh"

export KUBECONFIG="$KUBECONFIG_PATH"

# The pinned binaries by absolute path, so an older kubectl/helm elsewhere on PATH is never used.
kubectl() { "$BIN_DIR/k3s" kubectl "$@"; }
helm() { "$BIN_DIR/helm" "$@"; }
kubeseal() { "$BIN_DIR/kubeseal" "$@"; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/setup-k3s.XXXXXX")
trap 'rm -rf -- "$WORK"' EXIT
trap 'exit 130' INT TERM

printf 'setup-k3s: K3s %s, Traefik %s, Argo CD chart %s, Sealed Secrets chart %s\n' \
  "$K3S_VERSION" "$TRAEFIK_IMAGE_TAG" "$ARGOCD_CHART_VERSION" "$SEALED_SECRETS_CHART_VERSION"

step "Preflight checks (nothing is changed until they all pass)"
preflight

step "Download and verify pinned artifacts"
download_all

step "Install k3s, helm and kubeseal"
install_artifacts

step "K3s config and Traefik HelmChartConfig"
write_k3s_files

step "Start K3s $K3S_VERSION (single node, cluster-init)"
start_k3s

step "Wait for the node"
wait_for_node

step "Sealed Secrets chart $SEALED_SECRETS_CHART_VERSION"
install_sealed_secrets

step "Argo CD chart $ARGOCD_CHART_VERSION"
install_argocd

step "Namespace parametric-portal with its LimitRange"
apply_namespace

step "Sealed Secrets certificate and private key backup"
save_sealed_secrets_outputs

password=$(kubectl -n argocd get secret argocd-initial-admin-secret -o jsonpath='{.data.password}' 2>/dev/null || true)
if [ -n "$password" ]; then
  password=$(printf '%s' "$password" | base64 -d)
else
  password="(argocd-initial-admin-secret is gone: the admin password was already changed)"
fi

cat <<EOF_SUMMARY

Done. Outputs:
  Kubeconfig:            $KUBECONFIG_PATH
  Sealed Secrets cert:   $CERT_PATH
  Sealed Secrets key:    $KEY_BACKUP (root only; copy it off this server)
  Argo CD:               https://argocd.$DOMAIN  user admin
  Argo CD admin password: $password

Next steps:
  export KUBECONFIG=$KUBECONFIG_PATH
  kubectl apply -f infrastructure/argocd/application.yaml
  mise run seal-secret api-secrets parametric-portal
  kubectl get applications -n argocd
EOF_SUMMARY
