#!/usr/bin/env bash
# The production deploy: the one `helm upgrade --install` that .github/workflows/deploy.yml runs, and
# that `npm run test:cluster` runs against a real API server (test/cluster), so the two cannot drift.
#
#   IMAGE_REPOSITORY=<owner>/<repo> IMAGE_TAG=<commit sha> scripts/cluster/deploy.sh [extra helm arguments]
#
# NAMESPACE (default taskboard), VALUES_FILE (default deploy/helm/values-clever.yaml) and APP_HOST (the
# Ingress's host name; default: the values file's) come from the environment as well. Needs helm 4 and a
# kubeconfig (KUBECONFIG).
set -euo pipefail
cd "$(dirname "$0")/../.."

: "${IMAGE_REPOSITORY:?set IMAGE_REPOSITORY to <owner>/<repo> (the images are ghcr.io/<owner>/<repo>/<service>)}"
: "${IMAGE_TAG:?set IMAGE_TAG to the images tag (the commit SHA)}"
NAMESPACE=${NAMESPACE:-taskboard}
VALUES_FILE=${VALUES_FILE:-deploy/helm/values-clever.yaml}

extra=()
if [[ -n ${APP_HOST:-} ]]; then extra+=(--set-string "ingress.host=$APP_HOST"); fi
# --rollback-on-failure is Helm 4's name for --atomic: a failed migration or rollout puts the previous
# release back. --timeout bounds each wait (the migration Job, then the rollout) and is longer than the
# Job's activeDeadlineSeconds, so the Job's own deadline ends a stuck migration. Registries want
# lowercase names; GitHub owners and repositories may have capitals.
set -x
helm upgrade --install my-app ./deploy/helm \
  --namespace "$NAMESPACE" --create-namespace \
  --values "$VALUES_FILE" \
  --set-string "global.image.repository=${IMAGE_REPOSITORY,,}" \
  --set-string "global.image.tag=$IMAGE_TAG" \
  "${extra[@]}" "$@" \
  --rollback-on-failure --wait --timeout 10m
