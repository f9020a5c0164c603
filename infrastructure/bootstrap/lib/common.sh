# shellcheck shell=sh
# Output, failure and change-tracking helpers shared by setup-k3s.sh. Every path the bootstrap
# touches goes through $PP_ROOT so tests can run it inside a temporary folder.

STEP=0
TOTAL_STEPS=10

step() {
  STEP=$((STEP + 1))
  printf '\n==> [%s/%s] %s\n' "$STEP" "$TOTAL_STEPS" "$1"
}

say() {
  printf '    %s\n' "$*"
}

# "unchanged" lines are what an operator checks after a re-run: every step reports one or the other.
unchanged() {
  printf '    = unchanged: %s\n' "$*"
}

changed() {
  printf '    + changed: %s\n' "$*"
}

fail() {
  printf 'setup-k3s: ERROR: %s\n' "$*" >&2
  exit 1
}

# write_if_changed DEST MODE < content
# Replaces DEST atomically (temp file + rename in the same folder) only when its content or mode
# differs; sets WROTE=yes|no. Failures abort: callers run it outside `if`, where set -e still holds.
write_if_changed() {
  wic_dest=$1
  wic_mode=$2
  wic_dir=$(dirname -- "$wic_dest")
  mkdir -p -- "$wic_dir" || fail "cannot create $wic_dir"
  wic_tmp="$wic_dir/.$(basename -- "$wic_dest").tmp.$$"
  # Created private first, so a key never sits world-readable before the chmod.
  (umask 077 && : >"$wic_tmp") || fail "cannot create $wic_tmp"
  cat >>"$wic_tmp" || fail "cannot write $wic_tmp"
  chmod "$wic_mode" "$wic_tmp" || fail "cannot chmod $wic_tmp"
  if [ -f "$wic_dest" ] && cmp -s "$wic_tmp" "$wic_dest" \
    && [ "$(stat -c %a "$wic_dest")" = "$(stat -c %a "$wic_tmp")" ]; then
    rm -f -- "$wic_tmp"
    WROTE=no
  else
    mv -f -- "$wic_tmp" "$wic_dest" || fail "cannot replace $wic_dest"
    WROTE=yes
  fi
}

# report_write DESCRIPTION: prints the outcome of the last write_if_changed.
report_write() {
  if [ "$WROTE" = yes ]; then changed "$1"; else unchanged "$1"; fi
}

# ensure_dir DIR MODE: creates DIR or fixes its mode, reporting either.
ensure_dir() {
  if [ -d "$1" ] && [ "$(stat -c %a "$1")" = "${2#0}" ]; then
    return 0
  fi
  mkdir -p -- "$1" || fail "cannot create $1"
  chmod "$2" "$1" || fail "cannot chmod $1"
  changed "folder $1 (mode $2)"
}
