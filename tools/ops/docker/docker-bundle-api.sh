#!/bin/sh
# Builds the API's production bundle into <out> exactly as the image holds it under /app.
# apps/api/Dockerfile runs this script, and so does its test (docker-api-bundle.test.ts).
# Usage (from the repository root, dependencies installed): sh tools/ops/docker/docker-bundle-api.sh <out>
set -eu
out="${1:?usage: docker-bundle-api.sh <output folder>}"

pnpm --filter @parametric-portal/api build

# The esbuild bundle is self-contained (main.mjs, migrate.mjs, migrations/, static/), so the
# runtime needs no node_modules; the bundle test runs it from a folder outside the repository.
rm -rf "$out"
mkdir -p "$out"
cp -R apps/api/dist "$out/dist"
