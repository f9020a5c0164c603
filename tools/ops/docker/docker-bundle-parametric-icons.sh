#!/bin/sh
# Builds the web app's production files and static server into <out> exactly as the image holds
# them under /app. apps/parametric-icons/Dockerfile runs this script, and so does its test
# (docker-icons-bundle.test.ts). VITE_API_URL is read by the Vite build from the environment.
# Usage (from the repository root, dependencies installed): sh tools/ops/docker/docker-bundle-parametric-icons.sh <out>
set -eu
out="${1:?usage: docker-bundle-parametric-icons.sh <output folder>}"

pnpm --filter @parametric-portal/parametric-icons build

rm -rf "$out"
mkdir -p "$out"
cp -R apps/parametric-icons/dist "$out/public"
cp apps/parametric-icons/server/serve.mjs "$out/serve.mjs"
node apps/parametric-icons/server/precompress.mjs "$out/public"
