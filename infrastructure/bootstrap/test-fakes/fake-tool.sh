#!/bin/sh
# Test stand-in for the commands setup-k3s.sh drives (curl, systemctl, ss, id, uname, and the installed k3s,
# helm and kubeseal binaries), chosen by the name it is called as. Every call is appended to
# $FAKE_LOG; cluster state lives in files under $FAKE_STATE; "downloads" come from
# $FAKE_DOWNLOADS/<host>/<path>. Used only by tools/ops/commands/setup-k3s-script.test.ts.
set -eu
tool=$(basename -- "$0")
printf '%s %s\n' "$tool" "$*" >>"$FAKE_LOG"

fake_kubectl() {
  case "$*" in
    "wait --for=condition=Ready node --all"*) exit 0 ;;
    "get namespace parametric-portal") [ -f "$FAKE_STATE/namespace" ] || exit 1 ;;
    "diff "*)
      shift 3
      [ "$(cat "$2" "$4" | sha256sum)" = "$(cat "$FAKE_STATE/namespace" 2>/dev/null)" ] || exit 1 ;;
    "apply "*)
      shift 3
      cat "$2" "$4" | sha256sum >"$FAKE_STATE/namespace" ;;
    "get secret -n kube-system -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml")
      printf 'apiVersion: v1\nitems:\n- data:\n    tls.crt: RkFLRUNFUlQ=\n    tls.key: RkFLRUtFWQ==\n  kind: Secret\nkind: List\n' ;;
    "-n argocd get secret argocd-initial-admin-secret -o jsonpath={.data.password}")
      printf 'ZmFrZS1hZG1pbi1wYXNzd29yZA==' ;;
    *) echo "fake kubectl: unexpected: $*" >&2; exit 2 ;;
  esac
}

case "$tool" in
  curl)
    out=""
    url=""
    while [ $# -gt 0 ]; do
      case "$1" in
        -o) out=$2; shift ;;
        --proto | --retry) shift ;;
        -*) ;;
        *) url=$1 ;;
      esac
      shift
    done
    source="$FAKE_DOWNLOADS/${url#https://}"
    [ -f "$source" ] || { echo "curl: (22) The requested URL returned error: 404" >&2; exit 22; }
    cp "$source" "$out" ;;
  ss) printf '%s' "${FAKE_SS_OUTPUT:-}" ;;
  uname) printf '%s\n' "$FAKE_UNAME_M" ;;
  id) printf '%s\n' "${FAKE_UID:-0}" ;;
  systemctl)
    case "$*" in
      "is-active --quiet k3s") [ -f "$FAKE_STATE/k3s-active" ] ;;
      "is-enabled --quiet k3s") [ -f "$FAKE_STATE/k3s-enabled" ] ;;
      daemon-reload) ;;
      "enable --now k3s" | "restart k3s")
        # What the real k3s server writes when it starts.
        touch "$FAKE_STATE/k3s-active" "$FAKE_STATE/k3s-enabled"
        mkdir -p "$PP_ROOT/etc/rancher/k3s" "$PP_ROOT/var/lib/rancher/k3s/server"
        printf 'apiVersion: v1\nkind: Config\n' >"$PP_ROOT/etc/rancher/k3s/k3s.yaml"
        printf 'K10fake::server:fake-node-token\n' >"$PP_ROOT/var/lib/rancher/k3s/server/node-token" ;;
      *) echo "fake systemctl: unexpected: $*" >&2; exit 2 ;;
    esac ;;
  k3s)
    if [ "${1:-}" = --version ]; then
      printf 'k3s version v1.32.2+k3s1 (381620ef)\ngo version go1.23.6\n'
    elif [ "${1:-}" = kubectl ]; then
      shift
      fake_kubectl "$@"
    else
      echo "fake k3s: unexpected: $*" >&2
      exit 2
    fi ;;
  kubectl) fake_kubectl "$@" ;;
  helm)
    case "$1" in
      version) printf 'v3.17.1' ;;
      get)
        [ -f "$FAKE_STATE/helm-$3" ] || { echo "Error: release: not found" >&2; exit 1; }
        printf 'NAME: %s\nVERSION: %s\nSTATUS: deployed\n' "$3" "$(cat "$FAKE_STATE/helm-$3")" ;;
      upgrade)
        [ -f "$4" ] || { echo "Error: chart $4 not found" >&2; exit 1; }
        # Chart archives are named <chart>-<version>.tgz.
        basename -- "$4" .tgz | sed 's/.*-\([0-9][0-9.]*\)$/\1/' >"$FAKE_STATE/helm-$3" ;;
      *) echo "fake helm: unexpected: $*" >&2; exit 2 ;;
    esac ;;
  kubeseal)
    case "$1" in
      --version) printf 'kubeseal version: 0.28.0\n' ;;
      --fetch-cert) printf -- '-----BEGIN CERTIFICATE-----\nRkFLRQ==\n-----END CERTIFICATE-----\n' ;;
      *) echo "fake kubeseal: unexpected: $*" >&2; exit 2 ;;
    esac ;;
  *) echo "fake-tool: unknown tool $tool" >&2; exit 2 ;;
esac
