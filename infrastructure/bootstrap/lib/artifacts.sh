# shellcheck shell=sh
# Step 2 downloads and verifies every missing artifact into a scratch folder; step 3 installs them.
# Nothing is installed unless every download verified, so a bad checksum changes nothing.

K3S_RELEASE_URL="https://github.com/k3s-io/k3s/releases/download/$(printf '%s' "$K3S_VERSION" | sed 's/+/%2B/')"
HELM_URL="https://get.helm.sh"
KUBESEAL_RELEASE_URL="https://github.com/bitnami-labs/sealed-secrets/releases/download/v$KUBESEAL_VERSION"
ARGOCD_INDEX_URL="https://argoproj.github.io/argo-helm/index.yaml"
ARGOCD_CHART_URL="https://github.com/argoproj/argo-helm/releases/download/argo-cd-$ARGOCD_CHART_VERSION/argo-cd-$ARGOCD_CHART_VERSION.tgz"
SEALED_SECRETS_INDEX_URL="https://bitnami-labs.github.io/sealed-secrets/index.yaml"
SEALED_SECRETS_CHART_URL="https://github.com/bitnami-labs/sealed-secrets/releases/download/helm-v$SEALED_SECRETS_CHART_VERSION/sealed-secrets-$SEALED_SECRETS_CHART_VERSION.tgz"

ARGOCD_CHART="$STATE_DIR/charts/argo-cd-$ARGOCD_CHART_VERSION.tgz"
SEALED_SECRETS_CHART="$STATE_DIR/charts/sealed-secrets-$SEALED_SECRETS_CHART_VERSION.tgz"

installed_k3s() { [ -x "$BIN_DIR/k3s" ] && "$BIN_DIR/k3s" --version 2>/dev/null | awk 'NR == 1 { print $3 }'; }
installed_helm() { [ -x "$BIN_DIR/helm" ] && "$BIN_DIR/helm" version --template '{{.Version}}' 2>/dev/null; }
installed_kubeseal() { [ -x "$BIN_DIR/kubeseal" ] && "$BIN_DIR/kubeseal" --version 2>/dev/null | awk 'NR == 1 { print $3 }'; }

download_all() {
  if [ "$(installed_k3s || true)" = "$K3S_VERSION" ]; then
    unchanged "k3s $K3S_VERSION already installed"
  else
    k3s_asset=k3s
    [ "$ARCH" = arm64 ] && k3s_asset=k3s-arm64
    fetch "$K3S_RELEASE_URL/sha256sum-$ARCH.txt" "$WORK/k3s.sha256sum"
    fetch "$K3S_RELEASE_URL/$k3s_asset" "$WORK/k3s"
    verify "$WORK/k3s" "k3s $K3S_VERSION ($k3s_asset)" \
      "$(checksum_from_list "$WORK/k3s.sha256sum" "$k3s_asset")" "$(pinned_sha K3S_SHA256)"
  fi

  if [ "$(installed_helm || true)" = "$HELM_VERSION" ]; then
    unchanged "helm $HELM_VERSION already installed"
  else
    helm_tgz="helm-$HELM_VERSION-linux-$ARCH.tar.gz"
    fetch "$HELM_URL/$helm_tgz.sha256sum" "$WORK/helm.sha256sum"
    fetch "$HELM_URL/$helm_tgz" "$WORK/$helm_tgz"
    verify "$WORK/$helm_tgz" "helm $HELM_VERSION" \
      "$(checksum_from_list "$WORK/helm.sha256sum" "$helm_tgz")" "$(pinned_sha HELM_SHA256)"
    tar -xzf "$WORK/$helm_tgz" -C "$WORK" "linux-$ARCH/helm" || fail "$helm_tgz has no linux-$ARCH/helm"
    mv "$WORK/linux-$ARCH/helm" "$WORK/helm"
  fi

  if [ "$(installed_kubeseal || true)" = "$KUBESEAL_VERSION" ]; then
    unchanged "kubeseal $KUBESEAL_VERSION already installed"
  else
    kubeseal_tgz="kubeseal-$KUBESEAL_VERSION-linux-$ARCH.tar.gz"
    fetch "$KUBESEAL_RELEASE_URL/sealed-secrets_${KUBESEAL_VERSION}_checksums.txt" "$WORK/kubeseal.sha256sum"
    fetch "$KUBESEAL_RELEASE_URL/$kubeseal_tgz" "$WORK/$kubeseal_tgz"
    verify "$WORK/$kubeseal_tgz" "kubeseal $KUBESEAL_VERSION" \
      "$(checksum_from_list "$WORK/kubeseal.sha256sum" "$kubeseal_tgz")" "$(pinned_sha KUBESEAL_SHA256)"
    tar -xzf "$WORK/$kubeseal_tgz" -C "$WORK" kubeseal || fail "$kubeseal_tgz has no kubeseal binary"
  fi

  download_chart argo-cd "$ARGOCD_CHART_VERSION" "$ARGOCD_INDEX_URL" "$ARGOCD_CHART_URL" \
    "$ARGOCD_CHART" "$ARGOCD_CHART_SHA256"
  download_chart sealed-secrets "$SEALED_SECRETS_CHART_VERSION" "$SEALED_SECRETS_INDEX_URL" \
    "$SEALED_SECRETS_CHART_URL" "$SEALED_SECRETS_CHART" "$SEALED_SECRETS_CHART_SHA256"
}

# download_chart NAME VERSION INDEX_URL CHART_URL CACHED_PATH PINNED_SHA
download_chart() {
  if [ -f "$5" ]; then
    unchanged "chart $1 $2 already verified and cached at $5"
    return 0
  fi
  fetch "$3" "$WORK/$1-index.yaml"
  fetch "$4" "$WORK/$1-$2.tgz"
  verify "$WORK/$1-$2.tgz" "chart $1 $2" "$(chart_digest_from_index "$WORK/$1-index.yaml" "$1" "$2")" "$6"
}

install_artifacts() {
  # shellcheck disable=SC2034 # read by start_k3s in lib/cluster.sh
  K3S_BINARY_CHANGED=no
  for tool in k3s helm kubeseal; do
    if [ -f "$WORK/$tool" ]; then
      install -D -m 0755 "$WORK/$tool" "$BIN_DIR/$tool" || fail "cannot install $BIN_DIR/$tool"
      changed "installed $BIN_DIR/$tool"
      # shellcheck disable=SC2034 # read by start_k3s in lib/cluster.sh
      [ "$tool" = k3s ] && K3S_BINARY_CHANGED=yes
    else
      unchanged "$BIN_DIR/$tool"
    fi
  done
  # The same conveniences the upstream installer adds, never replacing an existing kubectl.
  if [ ! -e "$BIN_DIR/kubectl" ] && [ ! -L "$BIN_DIR/kubectl" ]; then
    ln -s k3s "$BIN_DIR/kubectl" || fail "cannot link $BIN_DIR/kubectl"
    changed "linked $BIN_DIR/kubectl -> k3s"
  fi
  for chart in "$ARGOCD_CHART" "$SEALED_SECRETS_CHART"; do
    if [ -f "$WORK/$(basename -- "$chart")" ]; then
      install -D -m 0600 "$WORK/$(basename -- "$chart")" "$chart" || fail "cannot store $chart"
      changed "stored verified chart $chart"
    else
      unchanged "chart $chart"
    fi
  done
}
