# shellcheck shell=sh
# K3s itself: its config, the Traefik HelmChartConfig it auto-deploys, the systemd unit, the service.

K3S_CONFIG="$PP_ROOT/etc/rancher/k3s/config.yaml"
K3S_UNIT="$PP_ROOT/etc/systemd/system/k3s.service"
TRAEFIK_CONFIG="$PP_ROOT/var/lib/rancher/k3s/server/manifests/traefik-config.yaml"
KUBECONFIG_PATH="$PP_ROOT/etc/rancher/k3s/k3s.yaml"

write_k3s_files() {
  K3S_CONFIG_CHANGED=no
  write_if_changed "$K3S_CONFIG" 0600 <<EOF_CONFIG
# Written by infrastructure/bootstrap/setup-k3s.sh; edit there and re-run.
# cluster-init starts embedded etcd, so more servers can join later (mise run join-node).
cluster-init: true
write-kubeconfig-mode: "0600"
tls-san:
  - "$DOMAIN"
EOF_CONFIG
  report_write "$K3S_CONFIG"
  [ "$WROTE" = no ] || K3S_CONFIG_CHANGED=yes

  # K3s applies files in this folder itself, before and after start, so this shapes the bundled
  # Traefik chart on first boot and on every later change.
  write_if_changed "$TRAEFIK_CONFIG" 0600 <<EOF_TRAEFIK
# Written by infrastructure/bootstrap/setup-k3s.sh; edit there and re-run.
apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: traefik
  namespace: kube-system
spec:
  valuesContent: |-
    image:
      registry: docker.io
      repository: traefik
      tag: "$TRAEFIK_IMAGE_TAG"
    deployment:
      replicas: 1
    service:
      type: LoadBalancer
      # Local keeps the client's source IP (Cluster would SNAT it to a node address), so the
      # rate-limit-web middleware counts per client instead of one bucket for everybody.
      spec:
        externalTrafficPolicy: Local
    ports:
      web:
        port: 8000
        exposedPort: 80
        redirections:
          entryPoint:
            to: websecure
            scheme: https
            permanent: true
      websecure:
        port: 8443
        exposedPort: 443
        tls:
          enabled: true
    certificatesResolvers:
      letsencrypt:
        acme:
          email: "$ACME_EMAIL"
          storage: /data/acme.json
          tlsChallenge: true
    persistence:
      enabled: true
      name: data
      accessMode: ReadWriteOnce
      size: 128Mi
      storageClass: local-path
      path: /data
    podSecurityContext:
      fsGroup: 65532
      fsGroupChangePolicy: OnRootMismatch
EOF_TRAEFIK
  report_write "$TRAEFIK_CONFIG (Traefik $TRAEFIK_IMAGE_TAG, ACME resolver letsencrypt for $ACME_EMAIL)"

  K3S_UNIT_CHANGED=no
  write_if_changed "$K3S_UNIT" 0644 <<'EOF_UNIT'
# Written by infrastructure/bootstrap/setup-k3s.sh (the same unit the upstream installer writes).
[Unit]
Description=Lightweight Kubernetes
Documentation=https://k3s.io
Wants=network-online.target
After=network-online.target

[Install]
WantedBy=multi-user.target

[Service]
Type=notify
EnvironmentFile=-/etc/default/%N
KillMode=process
Delegate=yes
LimitNOFILE=1048576
LimitNPROC=infinity
LimitCORE=infinity
TasksMax=infinity
TimeoutStartSec=0
Restart=always
RestartSec=5s
ExecStartPre=-/sbin/modprobe br_netfilter
ExecStartPre=-/sbin/modprobe overlay
ExecStart=/usr/local/bin/k3s server
EOF_UNIT
  report_write "$K3S_UNIT"
  [ "$WROTE" = no ] || K3S_UNIT_CHANGED=yes
}

start_k3s() {
  if [ "$K3S_UNIT_CHANGED" = yes ]; then
    systemctl daemon-reload || fail "systemctl daemon-reload failed"
    changed "systemd reloaded"
  fi
  if ! systemctl is-enabled --quiet k3s 2>/dev/null || ! systemctl is-active --quiet k3s 2>/dev/null; then
    systemctl enable --now k3s || fail "k3s did not start: journalctl -u k3s -e"
    changed "k3s.service enabled and started"
  elif [ "$K3S_CONFIG_CHANGED" = yes ] || [ "$K3S_UNIT_CHANGED" = yes ] || [ "$K3S_BINARY_CHANGED" = yes ]; then
    systemctl restart k3s || fail "k3s did not restart: journalctl -u k3s -e"
    changed "k3s.service restarted to pick up the new binary/config"
  else
    unchanged "k3s.service enabled and running"
  fi
}

wait_for_node() {
  tries=0
  until [ -s "$KUBECONFIG_PATH" ]; do
    tries=$((tries + 1))
    [ "$tries" -le 60 ] || fail "K3s wrote no $KUBECONFIG_PATH within 5 minutes: journalctl -u k3s -e"
    sleep 5
  done
  tries=0
  until kubectl wait --for=condition=Ready node --all --timeout=10s >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ "$tries" -le 30 ] || fail "the node did not become Ready: kubectl describe nodes"
    sleep 5
  done
  unchanged "node Ready (checked only); kubeconfig $KUBECONFIG_PATH"
}
