#!/usr/bin/env bash
# Regenerates the screens shown in README.md from the end-to-end tests: they
# drive the real binary (tmux for the wizard, pipes for the commands) and
# save what they saw when SETUPWIZ_CAPTURE_DIR is set.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
SETUPWIZ_CAPTURE_DIR=$dir "${GO:-go}" test -count=1 \
  -run 'TestWizardInTmux$|TestWizardInTmuxKeys|TestFacesAgree|SwitchesToTheSecurity|AsksBeforePinning|SmallScreens|BlockWasMerged|TestDemoInTmux|CertificateChangeOnce' \
  ./cmd/setupwiz
python3 scripts/readme_captures.py README.md "$dir"
