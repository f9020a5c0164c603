# shellcheck shell=sh
# Pinned downloads, each verified against the checksum its upstream publishes for that release
# and, when versions.env pins one, against that value too.

fetch() {
  # --proto/--tlsv1.2: never follow a redirect to plain HTTP; -f: an HTTP error is a failure.
  curl -fsSL --proto '=https' --tlsv1.2 --retry 3 -o "$2" "$1" \
    || fail "download failed: $1 (check the server's network/DNS; nothing was installed)"
}

sha256_of() {
  sha256sum "$1" | cut -d ' ' -f 1
}

# checksum_from_list FILE NAME: the sha256 recorded for NAME in a `sha256sum`-format list.
checksum_from_list() {
  awk -v name="$2" '$2 == name || $2 == "*" name { print $1; exit }' "$1"
}

# chart_digest_from_index INDEX CHART VERSION: the `digest` a Helm repository index.yaml records
# for one chart version (helm writes entries with sorted keys at fixed indentation).
chart_digest_from_index() {
  awk -v chart="$2" -v version="$3" '
    function done_entry() { if (v == version && d != "" && !found) { print d; found = 1 } v = ""; d = "" }
    /^[^ ]/ { done_entry(); in_chart = 0; next }
    /^  [^ -]/ { done_entry(); in_chart = ($0 == "  " chart ":"); next }
    !in_chart { next }
    /^  - / { done_entry(); sub(/^  - /, "    ") }
    /^    digest: / { d = $2; gsub(/"/, "", d) }
    /^    version: / { v = $2; gsub(/"/, "", v) }
    END { done_entry() }
  ' "$1"
}

# verify FILE LABEL UPSTREAM_SHA [PINNED_SHA]: aborts on any mismatch, before anything is installed.
verify() {
  v_actual=$(sha256_of "$1")
  [ -n "$3" ] || fail "no upstream checksum found for $2; refusing to install it"
  if [ "$v_actual" != "$3" ]; then
    fail "checksum mismatch for $2: upstream publishes $3, download is $v_actual. Aborted before installing anything."
  fi
  if [ -n "${4:-}" ] && [ "$v_actual" != "$4" ]; then
    fail "checksum mismatch for $2: the pinned checksum (versions.env) is $4, download is $v_actual. Aborted before installing anything."
  fi
  if [ -n "${4:-}" ]; then say "verified $2 (sha256 $v_actual, upstream + pinned)"; else say "verified $2 (sha256 $v_actual, upstream)"; fi
}

# pinned_sha NAME: value of NAME_<ARCH> from versions.env (empty when not pinned).
pinned_sha() {
  eval "printf '%s' \"\${$1_$(printf '%s' "$ARCH" | tr '[:lower:]' '[:upper:]'):-}\""
}
