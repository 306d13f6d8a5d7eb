#!/usr/bin/env bash
# Installs the package on a fresh Debian 12 minbase chroot (nothing but the package and what
# it depends on), runs it headless and its window (under Xvfb, installed for the check only),
# then removes it and checks that nothing of it is left. Needs root, debootstrap and network.
#   packaging/chroot-check.sh edgecore-lab_0.1.0_amd64.deb [CHROOT_DIR]
set -euo pipefail
deb=$(realpath "$1")
root=${2:-$(mktemp -d /tmp/edgecore-chroot.XXXXXX)}
[ -x "$root/bin/bash" ] || debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
cp "$deb" "$root/tmp/package.deb"
mount -t proc proc "$root/proc"
trap 'umount "$root/proc"' EXIT
chroot "$root" bash -euc '
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq /tmp/package.deb >/dev/null
    edgecore-lab --version
    edgecore-lab --headless --sim --sessions 20 | grep -E "released|checker"
    apt-get install -y -qq xvfb xauth >/dev/null
    cd /tmp && xvfb-run -a edgecore-lab --sessions 10 --quit-after 4000 --screenshot /tmp/window.png
    [ -s /tmp/window.png ] && echo "window: ran, screenshot saved"
    apt-get remove -y -qq edgecore-lab >/dev/null
    ! command -v edgecore-lab >/dev/null
    [ ! -e /usr/share/applications/edgecore-lab.desktop ] && [ ! -e /usr/share/man/man1/edgecore-lab.1.gz ]
    echo "removed: nothing of it left"'
echo "chroot check passed ($root)"
