# shellcheck shell=sh
# What runs on the cluster: Sealed Secrets and Argo CD (pinned charts from the verified cache),
# the app namespace, and the outputs the manual lists.

CERT_PATH="$PP_ROOT/opt/sealed-secrets-cert.pem"
KEY_BACKUP_DIR="$PP_ROOT/opt/backups/sealed-secrets"
KEY_BACKUP="$KEY_BACKUP_DIR/sealed-secrets-keys.yaml"

# helm_release NAME NAMESPACE CHART_TGZ VERSION VALUES_FILE VALUES_CHANGED(yes|no)
# Upgrades only when the deployed chart version or our values differ, so a re-run is a no-op.
helm_release() {
  values_changed=$6
  deployed=$(helm get metadata "$1" --namespace "$2" 2>/dev/null || true)
  deployed_version=$(printf '%s\n' "$deployed" | awk '$1 == "VERSION:" { print $2 }')
  deployed_status=$(printf '%s\n' "$deployed" | awk '$1 == "STATUS:" { print $2 }')
  if [ "$deployed_version" = "$4" ] && [ "$deployed_status" = deployed ] && [ "$values_changed" = no ]; then
    unchanged "helm release $1 ($2) chart $4 deployed"
    return 0
  fi
  helm upgrade --install "$1" "$3" --namespace "$2" --create-namespace \
    --values "$5" --wait --timeout 10m || fail "helm could not install $1; see: kubectl -n $2 get pods"
  installed=$(helm get metadata "$1" --namespace "$2" | awk '$1 == "VERSION:" { print $2 }')
  [ "$installed" = "$4" ] || fail "helm release $1 reports chart $installed, expected $4"
  changed "helm release $1 ($2) chart $4 installed"
}

install_sealed_secrets() {
  # kubeseal looks for a controller named sealed-secrets-controller in kube-system by default.
  write_if_changed "$STATE_DIR/values/sealed-secrets.yaml" 0600 <<'EOF_VALUES'
fullnameOverride: sealed-secrets-controller
EOF_VALUES
  helm_release sealed-secrets-controller kube-system "$SEALED_SECRETS_CHART" "$SEALED_SECRETS_CHART_VERSION" \
    "$STATE_DIR/values/sealed-secrets.yaml" "$WROTE"
}

install_argocd() {
  # Served at argocd.$DOMAIN through Traefik (TLS from the letsencrypt resolver), so argocd-server
  # itself speaks plain HTTP inside the cluster; `argocd login argocd.$DOMAIN --grpc-web` works.
  write_if_changed "$STATE_DIR/values/argo-cd.yaml" 0600 <<EOF_VALUES
global:
  domain: "argocd.$DOMAIN"
configs:
  params:
    server.insecure: true
  cm:
    # A local-path claim stays Pending until a pod first uses it (WaitForFirstConsumer), e.g. the
    # nightly backup CronJob's. Argo CD calls that Progressing and would keep the first sync running
    # until 03:00; a Pending claim no node was picked for is waiting, not progressing.
    resource.customizations.health.PersistentVolumeClaim: |
      hs = {}
      local phase = obj.status ~= nil and obj.status.phase or "Pending"
      local annotations = obj.metadata.annotations or {}
      if phase == "Bound" then
        hs.status = "Healthy"
        hs.message = "Bound"
      elseif phase == "Lost" then
        hs.status = "Degraded"
        hs.message = "The claim lost its volume"
      elseif annotations["volume.kubernetes.io/selected-node"] == nil then
        hs.status = "Healthy"
        hs.message = "Waiting for its first consumer"
      else
        hs.status = "Progressing"
        hs.message = "Provisioning on the selected node"
      end
      return hs
server:
  ingress:
    enabled: true
    ingressClassName: traefik
    annotations:
      traefik.ingress.kubernetes.io/router.entrypoints: websecure
      traefik.ingress.kubernetes.io/router.tls: "true"
      traefik.ingress.kubernetes.io/router.tls.certresolver: letsencrypt
EOF_VALUES
  helm_release argocd argocd "$ARGOCD_CHART" "$ARGOCD_CHART_VERSION" "$STATE_DIR/values/argo-cd.yaml" "$WROTE"
}

apply_namespace() {
  ns_file="$REPO_DIR/infrastructure/base/namespace.yaml"
  limits_file="$REPO_DIR/infrastructure/base/limit-range.yaml"
  for file in "$ns_file" "$limits_file"; do
    [ -f "$file" ] || fail "$file is missing; run this from a checkout of the repository"
  done
  # kubectl diff exits 0 when the cluster already matches, 1 when it differs.
  if kubectl get namespace parametric-portal >/dev/null 2>&1; then
    set +e
    kubectl diff -n parametric-portal -f "$ns_file" -f "$limits_file" >/dev/null 2>&1
    diff_status=$?
    set -e
    if [ "$diff_status" -eq 0 ]; then
      unchanged "namespace parametric-portal and its LimitRange"
      return 0
    fi
    [ "$diff_status" -eq 1 ] || fail "kubectl diff failed for $ns_file and $limits_file"
  fi
  kubectl apply -n parametric-portal -f "$ns_file" -f "$limits_file" >/dev/null || fail "kubectl apply failed"
  changed "namespace parametric-portal and its LimitRange applied from infrastructure/base"
}

save_sealed_secrets_outputs() {
  tries=0
  until cert=$(kubeseal --fetch-cert --controller-name sealed-secrets-controller \
    --controller-namespace kube-system 2>/dev/null) && [ -n "$cert" ]; do
    tries=$((tries + 1))
    [ "$tries" -le 12 ] || fail "kubeseal --fetch-cert failed: kubectl -n kube-system logs deploy/sealed-secrets-controller"
    sleep 5
  done
  write_if_changed "$CERT_PATH" 0644 <<EOF_CERT
$cert
EOF_CERT
  report_write "Sealed Secrets certificate $CERT_PATH"

  # Without this key every sealed secret in git is unreadable after a cluster loss.
  # Only the leaf is locked down: /opt/backups also holds other backups (docs §5).
  ensure_dir "$KEY_BACKUP_DIR" 0700
  keys=$(kubectl get secret -n kube-system -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml) \
    || fail "could not read the Sealed Secrets key"
  printf '%s' "$keys" | grep -q 'tls.key' || fail "no Sealed Secrets key found in kube-system yet"
  write_if_changed "$KEY_BACKUP" 0600 <<EOF_KEYS
$keys
EOF_KEYS
  report_write "Sealed Secrets private key backup $KEY_BACKUP (root only; copy it off this server)"
}
