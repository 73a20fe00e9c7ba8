#!/usr/bin/env bash
# Installs what the project needs on Debian 12, and only what is missing.
#
#   source scripts/setup.sh; ensure_packages build tests    # from another script
#   scripts/setup.sh build tests                            # by hand
#
# ensure_packages <group>...   apt-get installs the missing packages of those groups
# ensure_npm_deps <dir>        `npm ci` in <dir> when node_modules is missing or stale
#
# A fresh Debian base system has none of these packages, not even g++ or cmake.
# apt-get update runs at most once per process, and only when something is missing,
# so a second run costs a few dpkg-query calls.

# The packages of each group. Add a package to its group, or a group here.
declare -gA CHAN_PACKAGE_GROUPS=(
    [build]="g++ cmake ninja-build pkg-config ca-certificates xz-utils"
    [tests]="catch2 nlohmann-json3-dev"
    [sanitizers]="clang libclang-rt-14-dev"
    [bench]="libbenchmark-dev"
    [gui]="libglfw3-dev libgl1-mesa-dev libgl1-mesa-dri libstb-dev xvfb xauth fonts-dejavu-core"
    [web]="emscripten nodejs npm chromium"
    [imgui-src]="dpkg-dev"
)

# Packages that count as present when their command is: NodeSource's nodejs, for
# one, bundles npm and conflicts with Debian's npm package.
declare -gA CHAN_PACKAGE_COMMANDS=(
    [nodejs]=node
    [npm]=npm
)

CHAN_APT_UPDATED=${CHAN_APT_UPDATED:-0}

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        echo "error: installing packages needs root; run as root or install sudo" >&2
        return 1
    fi
}

# Prints the names of those of the given packages that dpkg has installed.
installed_packages() {
    dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null |
        while read -r name state; do
            [[ $state == installed ]] && echo "$name"
        done
}

# The known group names, sorted, on one line.
package_groups() {
    printf '%s\n' "${!CHAN_PACKAGE_GROUPS[@]}" | sort | paste -sd ' '
}

# Prints the packages of the given groups that are not installed, on one line.
missing_packages() {
    local group package command
    local -a wanted=()
    local -A seen=() installed=()
    for group in "$@"; do
        if [[ -z ${CHAN_PACKAGE_GROUPS[$group]+set} ]]; then
            echo "error: unknown package group '$group' (known: $(package_groups))" >&2
            return 2
        fi
        for package in ${CHAN_PACKAGE_GROUPS[$group]}; do
            [[ -z ${seen[$package]+set} ]] || continue
            seen[$package]=1
            command=${CHAN_PACKAGE_COMMANDS[$package]:-}
            [[ -n $command ]] && command -v "$command" >/dev/null && continue
            wanted+=("$package")
        done
    done
    [[ ${#wanted[@]} -gt 0 ]] || return 0
    # One dpkg-query for all of them keeps a run with nothing to install instant.
    while read -r package; do installed[$package]=1; done < <(installed_packages "${wanted[@]}")
    for package in "${wanted[@]}"; do
        [[ -n ${installed[$package]+set} ]] || printf '%s ' "$package"
    done
}

ensure_packages() {
    local list
    list=$(missing_packages "$@") || return
    [[ -n $list ]] || return 0
    local -a missing
    read -ra missing <<<"$list"
    echo "==> installing ${missing[*]}"
    if ! command -v apt-get >/dev/null; then
        echo "error: apt-get not found; install these packages by hand: ${missing[*]}" >&2
        return 1
    fi
    local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300)
    if [[ $CHAN_APT_UPDATED != 1 ]]; then
        as_root "${apt[@]}" update
        CHAN_APT_UPDATED=1
    fi
    as_root "${apt[@]}" install -y "${missing[@]}"
}

ensure_npm_deps() {
    local dir=${1:?usage: ensure_npm_deps <dir with package-lock.json>}
    if [[ ! -f $dir/package-lock.json ]]; then
        echo "error: $dir/package-lock.json not found" >&2
        return 1
    fi
    # npm ci writes node_modules/.package-lock.json last, so it is the stamp of a
    # complete install.
    local stamp=$dir/node_modules/.package-lock.json
    if [[ ! -f $stamp || $dir/package-lock.json -nt $stamp ]]; then
        echo "==> npm ci in $dir"
        (cd "$dir" && npm ci --no-audit --no-fund)
    fi
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    case ${1:-} in
        "" | -h | --help)
            echo "usage: $0 <group>...   (groups: $(package_groups))"
            [[ $# -eq 1 ]]  # asking for help succeeds; calling with nothing does not
            ;;
        *) ensure_packages "$@" ;;
    esac
fi
