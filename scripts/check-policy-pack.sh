#!/usr/bin/env bash
# Proves that policies/ is a self-contained policy pack: a copy of that folder alone, outside the
# repository, installs from its own package-lock.json and type-checks with its own tsconfig.json, as
# `pulumi policy publish` and `pulumi preview --policy-pack <folder>` see it.
set -euo pipefail
usage="usage: npm run check-policy-pack"
case "${1:-}" in
  -h | --help)
    printf '%s\n\n%s\n' "$usage" "Copies policies/ alone to a temporary folder, installs it from its own lock file and type-checks it, as
\`pulumi policy publish\` sees it. Exit status: 0 OK, 1 it does not install or type-check, 2 bad usage."
    exit 0
    ;;
  "") ;;
  *)
    echo "unknown argument \"$1\"; $usage" >&2
    exit 2
    ;;
esac
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/policies"
# The folder as it is committed, without anything installed or built in it.
tar -C "$here/policies" --exclude=node_modules --exclude=bin -cf - . | tar -C "$work/policies" -xf -
cd "$work/policies"
npm ci --no-audit --no-fund --loglevel=error
npx --no-install tsc --noEmit -p tsconfig.json
echo "policy pack OK: a copy of policies/ alone installs from its lock file and type-checks"
