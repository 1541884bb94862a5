#!/usr/bin/env bash
# Offline preview (the program under mocks, the policy pack) of every examples/Pulumi.<name>.yaml, as
# stack <name> with the pack config policies/config/<name>.json. Exits 1 when any example has a
# mandatory violation or an invalid config, naming each; 0 when all pass.
# usage: bash scripts/preview-examples.sh [folder]     (default: examples)
set -uo pipefail
cd "$(dirname "$0")/.."

folder="${1:-examples}"
shopt -s nullglob
files=("${folder}"/Pulumi.*.yaml)
if [ "${#files[@]}" -eq 0 ]; then
  echo "no ${folder}/Pulumi.*.yaml to preview" >&2
  exit 1
fi

failed=()
for file in "${files[@]}"; do
  stack="$(basename "${file}")"
  stack="${stack#Pulumi.}"
  stack="${stack%.yaml}"
  echo "== offline policy check: example ${stack} (${file})"
  report="$(node -r ./scripts/register-typescript.cjs preview/cli.ts --stack "${stack}" --config-file "${file}" 2>&1)"
  status=$?
  if [ "${status}" -eq 0 ]; then
    printf '%s\n' "${report}" | tail -n 1
  elif grep -q '^Policies:' <<<"${report}"; then
    # The pack's findings and the verdict, not the resource tree.
    sed -n '/^Policies:/,$p' <<<"${report}"
    failed+=("${file}")
  else
    # An invalid config (every problem listed) or a program that failed.
    printf '%s\n' "${report}"
    failed+=("${file}")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "FAILED: ${#failed[@]} example(s): ${failed[*]}" >&2
  exit 1
fi
echo "PASSED: ${#files[@]} example(s)"
