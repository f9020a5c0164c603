# shellcheck shell=sh
# Checks that change nothing: all of them run before the first download or write.

preflight() {
  problems=""
  add_problem() { problems="$problems
  - $1"; }

  if [ -z "${DOMAIN:-}" ]; then
    add_problem "DOMAIN is not set: export DOMAIN=your-domain.com (its DNS A record must point at this server)"
  elif ! printf '%s' "$DOMAIN" | grep -Eq '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$'; then
    add_problem "DOMAIN=$DOMAIN is not a lower-case DNS name like example.com"
  fi
  if [ -z "${ACME_EMAIL:-}" ]; then
    add_problem "ACME_EMAIL is not set: export ACME_EMAIL=admin@your-domain.com (Let's Encrypt expiry notices go there)"
  elif ! printf '%s' "$ACME_EMAIL" | grep -Eq '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$'; then
    add_problem "ACME_EMAIL=$ACME_EMAIL is not an e-mail address like admin@example.com"
  fi
  if [ "$(id -u)" -ne 0 ]; then
    # sudo's secure_path drops ~/.local/bin (where mise lives), so hand the current PATH through.
    add_problem "must run as root (it installs system services): sudo -E env PATH=\"\$PATH\" mise run setup-k3s"
  fi
  for tool in curl sha256sum tar install awk base64 cmp stat df systemctl ss; do
    command -v "$tool" >/dev/null 2>&1 || add_problem "command '$tool' not found (Ubuntu 24.04: apt-get install curl coreutils tar iproute2 systemd)"
  done

  case "$(uname -m)" in
    x86_64 | amd64) ARCH=amd64 ;;
    aarch64 | arm64) ARCH=arm64 ;;
    *) add_problem "CPU architecture $(uname -m) is not supported (amd64 or arm64 only)" ;;
  esac

  # Nearest existing ancestor of the K3s data folder, so df measures the disk it will land on.
  disk_path="$PP_ROOT/var/lib"
  while [ ! -d "$disk_path" ]; do disk_path=$(dirname -- "$disk_path"); done
  free_mb=$(df -Pk "$disk_path" | awk 'NR == 2 { print int($4 / 1024) }')
  if [ -n "$free_mb" ] && [ "$free_mb" -lt "$MIN_FREE_DISK_MB" ]; then
    add_problem "only ${free_mb} MB free under $disk_path; K3s and the images need ${MIN_FREE_DISK_MB} MB (MIN_FREE_DISK_MB)"
  fi

  # Once K3s runs, its ServiceLB owns 80/443, so the port check only matters on a first install.
  if ! systemctl is-active --quiet k3s 2>/dev/null; then
    listeners=$(ss -Hltnp '( sport = :80 or sport = :443 )' 2>/dev/null || true)
    if [ -n "$listeners" ]; then
      add_problem "ports 80/443 must be free for Traefik, but something listens there (stop it first):
$listeners"
    fi
  fi

  if [ -f "$PP_ROOT/etc/os-release" ] && ! grep -q '^VERSION_ID="24.04"' "$PP_ROOT/etc/os-release"; then
    say "warning: tested on Ubuntu 24.04; this is $(grep '^PRETTY_NAME=' "$PP_ROOT/etc/os-release" | cut -d= -f2-)"
  fi

  if [ -n "$problems" ]; then
    fail "nothing was changed. Fix these first:$problems"
  fi
  say "DOMAIN=$DOMAIN ACME_EMAIL=$ACME_EMAIL arch=$ARCH free disk=${free_mb:-?} MB"
}
