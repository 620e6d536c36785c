#!/usr/bin/env bash
# Installs (as root) or lists (otherwise) the Debian packages the tests need:
# real Dovecot for POP3/SMTP, the real mail clients that read our exports back,
# tmux for the end-to-end TUI test, openssl and python3 for .mobileconfig checks,
# bash-completion, zsh and fish to try the completion scripts, man-db to render
# the man page, dpkg to unpack the .deb that `make package` builds; Courier and
# Cyrus POP3, Postfix with Cyrus SASL and Exim as the other real servers
# verification meets.
set -euo pipefail

# courier-pop and cyrus-pop3d cannot be installed beside dovecot-pop3d (all
# provide pop3-server, so apt-get would remove Dovecot's), nor
# exim4-daemon-light beside postfix (both are a mail-transport-agent): they
# are unpacked here.
courier_pop=/usr/local/lib/setupwiz-test/courier-pop
cyrus_pop=/usr/local/lib/setupwiz-test/cyrus-pop3d
exim=/usr/local/lib/setupwiz-test/exim4

# command -> Debian package
declare -A need=(
  [dovecot]=dovecot-core
  [/usr/lib/dovecot/pop3]=dovecot-pop3d
  [/usr/lib/dovecot/submission]=dovecot-submissiond
  [openssl]=openssl
  [fetchmail]=fetchmail
  [mutt]=mutt
  [neomutt]=neomutt
  [thunderbird]=thunderbird
  [xmllint]=libxml2-utils
  [tmux]=tmux
  [python3]=python3
  [script]=bsdutils
  [pass]=pass
  [node]=nodejs
  [patch]=patch
  [curl]=curl
  [/usr/share/bash-completion/bash_completion]=bash-completion
  [man]=man-db
  [groff]=groff-base
  [dpkg-deb]=dpkg
  [zsh]=zsh
  [fish]=fish
  [unshare]=util-linux
  [postfix]=postfix
  [saslpasswd2]=sasl2-bin
  [couriertcpd]=courier-base
  [authdaemond]=courier-authdaemon
  [makeuserdb]=courier-authlib-userdb
  [$courier_pop/usr/lib/courier/courier/courierpop3login]=courier-pop
  [$exim/usr/sbin/exim4]=exim4-daemon-light
  [/usr/lib/cyrus/bin/master]=cyrus-common
  [$cyrus_pop/usr/lib/cyrus/bin/pop3d]=cyrus-pop3d
)

# Go itself is not a Debian package here: Debian's golang is often older than 1.26.
if ! command -v "${GO:-go}" >/dev/null 2>&1; then
  echo "test-deps: Go 1.26 or newer is needed: install it from https://go.dev/dl/ (or set GO=/path/to/go)" >&2
  exit 1
fi

# A non-root PATH often lacks the sbin directories, where dovecot lives.
PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

missing=()
for cmd in "${!need[@]}"; do
  if [[ $cmd == /* ]]; then [[ -e $cmd ]] && continue
  else command -v "$cmd" >/dev/null 2>&1 && continue; fi
  missing+=("${need[$cmd]}")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "test-deps: installing ${missing[*]}" >&2
  # Keep package install scripts from starting system-wide daemons (dovecot on :110/:995).
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  apt=()
  for p in "${missing[@]}"; do [[ $p == courier-pop || $p == exim4-daemon-light || $p == cyrus-pop3d ]] || apt+=("$p"); done
  if [[ ${#apt[@]} -gt 0 ]]; then
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${apt[@]}" >/dev/null
  fi
  if [[ " ${missing[*]} " == *" courier-pop "* ]]; then
    # Its dependencies (courier-base, courier-authlib, libidn12) install normally.
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq courier-base courier-authdaemon libidn12 >/dev/null
    tmp=$(mktemp -d)
    chown _apt "$tmp" 2>/dev/null || true # apt-get download fetches as _apt where it can
    (cd "$tmp" && apt-get -o DPkg::Lock::Timeout=300 download -qq courier-pop)
    mkdir -p "$courier_pop" && dpkg-deb -x "$tmp"/courier-pop_*.deb "$courier_pop"
    rm -rf "$tmp"
  fi
  if [[ " ${missing[*]} " == *" exim4-daemon-light "* ]]; then
    # Its libraries install normally; its system user is what exim4-base would create.
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq libgnutls-dane0 libidn12 libnsl2 libpcre2-8-0 libdb5.3 >/dev/null
    id Debian-exim >/dev/null 2>&1 || useradd --system --user-group --no-create-home --home-dir /var/spool/exim4 --shell /usr/sbin/nologin Debian-exim
    tmp=$(mktemp -d)
    chown _apt "$tmp" 2>/dev/null || true
    (cd "$tmp" && apt-get -o DPkg::Lock::Timeout=300 download -qq exim4-daemon-light)
    mkdir -p "$exim" && dpkg-deb -x "$tmp"/exim4-daemon-light_*.deb "$exim"
    rm -rf "$tmp"
  fi
  if [[ " ${missing[*]} " == *" cyrus-pop3d "* ]]; then
    # cyrus-common (master, lmtpd, deliver, the cyrus user) installs normally.
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq cyrus-common >/dev/null
    tmp=$(mktemp -d)
    chown _apt "$tmp" 2>/dev/null || true
    (cd "$tmp" && apt-get -o DPkg::Lock::Timeout=300 download -qq cyrus-pop3d)
    mkdir -p "$cyrus_pop" && dpkg-deb -x "$tmp"/cyrus-pop3d_*.deb "$cyrus_pop"
    rm -rf "$tmp"
  fi
  for svc in dovecot postfix courier-authdaemon cyrus-imapd; do
    if command -v systemctl >/dev/null && systemctl is-active --quiet "$svc" 2>/dev/null; then
      systemctl disable --now "$svc" >/dev/null 2>&1 || true
    fi
  done
  exit 0
fi

echo "test-deps: these Debian packages are missing: ${missing[*]}" >&2
echo "test-deps: install them with: sudo apt-get install ${missing[*]}" >&2
if [[ ${CI:-} == true ]]; then exit 1; fi
echo "test-deps: tests that need them will skip locally (they fail in CI)." >&2
