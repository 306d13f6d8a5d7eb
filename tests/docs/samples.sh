#!/usr/bin/env bash
# The documents' sample outputs, produced by the program so that they cannot drift, and the
# documents' links, checked so that they cannot rot.
#
#   samples.sh check  BIN FILE...   run every marked sample's command with BIN (the built
#                                   edgecore-lab); fail with a unified diff where a block
#                                   differs from what the program prints now
#   samples.sh update BIN FILE...   rewrite every marked block in place with what it prints
#   samples.sh links  FILE...       every relative link resolves to a file of the repository
#                                   (and a #fragment to a heading of the linked document);
#                                   a README.md links every docs/*.md beside it; a code tree
#                                   between <!-- tree --> markers names every folder of the
#                                   repository two levels deep
#
# A sample is a fenced block between two markers; the block's first line shows the command:
#
#   <!-- sample: edgecore-lab --headless --sim --seed 1 -->
#   ```
#   $ edgecore-lab --headless --sim --seed 1
#   ...what it prints, stdout and stderr together...
#   ```
#   <!-- /sample -->
#
# The command is run by bash, with `edgecore-lab` on the PATH meaning BIN, in a scratch
# folder that every sample of one document shares, one after another in the document's order
# (so a sample can read a run folder an earlier one wrote). `docs` and `tests` in that folder
# are the repository's, so `--faults docs/examples/...` reads as from the repository's root.
# HOME is a scratch folder too; the locale is C.UTF-8. A command that exits non-zero gets a
# last line `(exit status N)`.
#
# Only deterministic commands belong in a sample (the simulator's runs, --sim, are a function
# of the seed). The one volatile figure they print, wall-clock time, is masked: a number
# before " s wall" is shown as #.##, and the simulator's speed line as "#x real time".
# shellcheck disable=SC2016 # backquotes in messages are literal
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/edgecore-docs.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT

die() {
    printf 'samples.sh: %s\n' "$*" >&2
    exit 2
}

usage() {
    die "usage: samples.sh check|update BIN FILE... | samples.sh links FILE..."
}

# --- samples ---------------------------------------------------------------------------

# Masks what depends on the wall clock (see above).
normalise() {
    sed -E -e 's/[0-9]+(\.[0-9]+)? s wall/#.## s wall/g' \
        -e 's/^(simulator speed +)[0-9]+(\.[0-9]+)?x real time/\1#x real time/'
}

# run_sample CMD WORKDIR: the block's content (without its fences) on stdout.
run_sample() {
    local cmd=$1 work=$2 status
    printf '$ %s\n' "$cmd"
    (
        cd "$work" || exit 125
        export PATH="$SCRATCH/bin:$PATH" HOME="$SCRATCH/home" LANG=C.UTF-8 LC_ALL=C.UTF-8
        export QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='qt.qpa.*=false'
        timeout 300 bash -c "$cmd" </dev/null 2>&1
    ) >"$SCRATCH/out" 2>&1
    status=$?
    normalise <"$SCRATCH/out"
    ((status == 0)) || printf '(exit status %d)\n' "$status"
}

# samples MODE FILE: checks or rewrites the samples of one document. Returns 1 when a block
# differs (check) and 2 when the markers are broken.
samples() {
    local mode=$1 file=$2 work lines=() out=() i=0 n cmd start fence status=0 count=0
    mapfile -t lines <"$file" || return 2
    n=${#lines[@]}
    work=$(mktemp -d "$SCRATCH/work.XXXXXX")
    ln -s "$ROOT/docs" "$work/docs"
    ln -s "$ROOT/tests" "$work/tests"
    local code='' f
    while ((i < n)); do
        local line=${lines[i]}
        # Markers inside a fenced code block are shown, not run.
        f=''
        [[ $line =~ ^\ ?\ ?\ ?(\`\`\`+|~~~+) ]] && f=${BASH_REMATCH[1]}
        if [[ -n $code ]]; then
            [[ -n $f && $f == "$code"* && $line =~ ^\ ?\ ?\ ?[\`~]+\ *$ ]] && code=''
            out+=("$line")
            i=$((i + 1))
            continue
        elif [[ -n $f ]]; then
            code=$f
            out+=("$line")
            i=$((i + 1))
            continue
        fi
        if [[ $line =~ ^\<!--\ sample:\ (.*[^ ])\ *--\>$ ]]; then
            cmd=${BASH_REMATCH[1]}
            start=$((i + 1))
            # The block runs to the closing marker; it must hold one fenced block.
            local j=$start
            while ((j < n)) && [[ ${lines[j]} != '<!-- /sample -->' ]]; do
                if [[ ${lines[j]} =~ ^\<!--\ sample: ]]; then
                    printf '%s:%d: sample opened before the one at line %d was closed\n' \
                        "$file" $((j + 1)) $((i + 1)) >&2
                    return 2
                fi
                ((j++))
            done
            if ((j == n)); then
                printf '%s:%d: sample without its closing <!-- /sample -->\n' "$file" $((i + 1)) >&2
                return 2
            fi
            count=$((count + 1))
            run_sample "$cmd" "$work" >"$SCRATCH/want"
            fence='```'
            {
                printf '%s\n' "$fence"
                cat "$SCRATCH/want"
                printf '%s\n' "$fence"
            } >"$SCRATCH/want.block"
            if ((j > start)); then
                printf '%s\n' "${lines[@]:start:j-start}" >"$SCRATCH/have.block"
            else
                : >"$SCRATCH/have.block"
            fi
            if ! cmp -s "$SCRATCH/have.block" "$SCRATCH/want.block"; then
                if [[ $mode == check ]]; then
                    printf '%s:%d: the sample of `%s` differs from what the program prints:\n' \
                        "$file" $((i + 1)) "$cmd"
                    diff -u --label "$file:$((start + 1)) (the document)" \
                        --label "$cmd (the program now)" "$SCRATCH/have.block" "$SCRATCH/want.block"
                    status=1
                else
                    printf 'samples.sh: %s:%d: rewrote the sample of `%s`\n' "$file" $((i + 1)) "$cmd"
                fi
            fi
            out+=("$line")
            mapfile -t -O "${#out[@]}" out <"$SCRATCH/want.block"
            out+=('<!-- /sample -->')
            i=$((j + 1))
            continue
        fi
        if [[ $line =~ ^\<!--\ /sample\ --\>$ ]]; then
            printf '%s:%d: <!-- /sample --> without its opening marker\n' "$file" $((i + 1)) >&2
            return 2
        fi
        out+=("$line")
        i=$((i + 1))
    done
    if [[ $mode == update ]]; then
        printf '%s\n' "${out[@]}" >"$SCRATCH/new"
        cmp -s "$SCRATCH/new" "$file" || cat "$SCRATCH/new" >"$file"
    fi
    local verdict="as the program prints them"
    [[ $mode == update ]] && verdict="up to date"
    ((status == 0)) || verdict="checked, some differ"
    printf 'samples.sh: %s: %d samples %s\n' "$file" "$count" "$verdict"
    return $status
}

# --- links -----------------------------------------------------------------------------

# The start of an awk program that skips fenced code blocks (``` or ~~~), for the readers below.
SKIP_FENCED='
        function fence(line,    t) {   # the fence a line opens or closes, or ""
            t = line; sub(/^ ? ? ?/, "", t)
            if (match(t, /^(```+|~~~+)/)) return substr(t, 1, RLENGTH)
            return ""
        }
        {
            f = fence($0)
            if (!code && f != "") { code = f; next }
            if (code && f != "" && index(f, code) == 1 && $0 ~ /^ ? ? ?[`~]+ *$/) { code = ""; next }
            if (code) next
        }
'

# The GitHub anchors of a Markdown file's headings, one a line (code blocks skipped).
anchors() {
    awk "$SKIP_FENCED"'
        /^#+ / {
            h = $0
            sub(/^#+ +/, "", h); sub(/ +#+ *$/, "", h)
            h = tolower(h)
            gsub(/[^a-z0-9 _-]/, "", h)
            gsub(/ /, "-", h)
            if (h in seen) { seen[h]++; h = h "-" seen[h] } else seen[h] = 0
            print h
        }' "$1"
}

# The link targets of a Markdown file, one a line as "LINE<TAB>TARGET": inline links and
# images, and reference definitions; fenced code and inline code spans skipped.
targets() {
    awk "$SKIP_FENCED"'
        {
            s = $0
            gsub(/`[^`]*`/, "", s)
            if (match(s, /^ ? ? ?\[[^]]+\]:[ ]+[^ ]+/)) {
                d = substr(s, RSTART, RLENGTH); sub(/^[^]]*\]:[ ]+/, "", d)
                print NR "\t" d
            }
            while (match(s, /\]\([^)]*\)/)) {
                t = substr(s, RSTART + 2, RLENGTH - 3)
                sub(/[ ]+"[^"]*"$/, "", t)
                gsub(/^<|>$/, "", t)
                print NR "\t" t
                s = substr(s, RSTART + RLENGTH)
            }
        }' "$1"
}

# The repository's files, one a line relative to ROOT: tracked, or new and not ignored.
# Outside a git work tree, whatever exists outside build/ counts.
REPO_FILES=
repo_files() {
    if [[ -z $REPO_FILES ]]; then
        REPO_FILES=$SCRATCH/repo-files
        if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
            git -C "$ROOT" ls-files --cached --others --exclude-standard >"$REPO_FILES"
        else
            (cd "$ROOT" && find . -path ./build -prune -o -type f -print | sed 's|^\./||') >"$REPO_FILES"
        fi
    fi
    cat "$REPO_FILES"
}

# Is PATH (relative to ROOT) a file or folder of the repository? (repo_files ran first.)
in_repo() {
    local p=${1%/}
    [[ -e $ROOT/$p ]] || return 1
    if [[ -d $ROOT/$p ]]; then
        awk -v p="$p/" 'index($0, p) == 1 { found = 1 } END { exit !found }' "$REPO_FILES"
    else
        grep -qxF -- "$p" "$REPO_FILES"
    fi
}

# A code tree between <!-- tree --> and <!-- /tree --> names folders, two spaces of indent a
# level ("backend/" then "  core/"); lines whose first word is not a folder are left alone.
# It must name every folder of the repository two levels deep, and no other.
tree_check() {
    local file=$1
    grep -q '^<!-- tree -->$' "$file" || return 0
    awk '
        /^<!-- tree -->$/ { on = 1; next }
        /^<!-- \/tree -->$/ { on = 0; next }
        !on || /^```/ { next }
        {
            match($0, /^ */); level = int(RLENGTH / 2)
            word = $1
            if (word !~ /\/$/) next
            sub(/\/$/, "", word)
            path[level] = word
            p = path[0]
            for (i = 1; i <= level; i++) p = p "/" path[i]
            print p
        }' "$file" | sort -u >"$SCRATCH/tree.listed"
    awk -F/ 'NF > 1 { print $1 } NF > 2 { print $1 "/" $2 }' "$REPO_FILES" | sort -u >"$SCRATCH/tree.repo"
    local missing extra status=0
    missing=$(comm -13 "$SCRATCH/tree.listed" "$SCRATCH/tree.repo")
    extra=$(comm -23 "$SCRATCH/tree.listed" "$SCRATCH/tree.repo")
    if [[ -n $missing ]]; then
        printf '%s: the code tree lacks these folders of the repository:\n%s\n' "$file" "$(sed 's/^/  /' <<<"$missing")"
        status=1
    fi
    if [[ -n $extra ]]; then
        printf '%s: the code tree names folders the repository does not have:\n%s\n' "$file" "$(sed 's/^/  /' <<<"$extra")"
        status=1
    fi
    return $status
}

links() {
    local file status=0 nlinks=0
    repo_files >/dev/null
    for file in "$@"; do
        [[ -f $file ]] || die "no such file: $file"
        local abs dir rel
        abs=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")
        dir=$(dirname "$abs")
        case $abs in "$ROOT"/*) ;; *) die "$file is not inside $ROOT" ;; esac
        local linked=()
        while IFS=$'\t' read -r lineno target; do
            [[ -n $target ]] || continue
            # Other schemes (https:, mailto:, chrome:) are not files of the repository.
            [[ $target =~ ^[A-Za-z][A-Za-z0-9+.-]*: ]] && continue
            nlinks=$((nlinks + 1))
            local path=${target%%#*} frag='' resolved
            [[ $target == *'#'* ]] && frag=${target#*#}
            if [[ -z $path ]]; then
                resolved=$abs
            else
                [[ $path == /* ]] && { printf '%s:%s: %s: an absolute path, not a link inside the repository\n' "$file" "$lineno" "$target"; status=1; continue; }
                resolved=$(realpath -m "$dir/$path")
            fi
            case $resolved in
            "$ROOT"/*) ;;
            *)
                printf '%s:%s: %s: points outside the repository\n' "$file" "$lineno" "$target"
                status=1
                continue
                ;;
            esac
            rel=${resolved#"$ROOT"/}
            if ! in_repo "$rel"; then
                printf '%s:%s: %s: no such file in the repository (%s)\n' "$file" "$lineno" "$target" "$rel"
                status=1
                continue
            fi
            linked+=("$rel")
            if [[ -n $frag && $resolved == *.md ]] && ! anchors "$resolved" | grep -qxF -- "$frag"; then
                printf '%s:%s: %s: %s has no heading with the anchor #%s\n' "$file" "$lineno" "$target" "$rel" "$frag"
                status=1
            fi
        done < <(targets "$file")
        tree_check "$file" || status=1
        # A README links every document beside it in docs/.
        if [[ $(basename "$abs") == README.md && -d $dir/docs ]]; then
            local doc
            for doc in "$dir"/docs/*.md; do
                [[ -e $doc ]] || continue
                rel=${doc#"$ROOT"/}
                if ! printf '%s\n' "${linked[@]}" | grep -qxF -- "$rel"; then
                    printf '%s: does not link %s\n' "$file" "$rel"
                    status=1
                fi
            done
        fi
    done
    ((status == 0)) && printf 'samples.sh: %d relative links in %d documents, every one resolves\n' "$nlinks" $#
    return $status
}

# --- main ------------------------------------------------------------------------------

(($# >= 1)) || usage
mode=$1
shift
case $mode in
check | update)
    (($# >= 2)) || usage
    bin=$1
    shift
    [[ -x $bin ]] || die "not an executable: $bin"
    mkdir -p "$SCRATCH/bin" "$SCRATCH/home"
    ln -s "$(realpath "$bin")" "$SCRATCH/bin/edgecore-lab"
    overall=0
    for f in "$@"; do
        [[ -f $f ]] || die "no such file: $f"
        samples "$mode" "$f"
        rc=$?
        ((rc > overall)) && overall=$rc
    done
    if ((overall == 1)); then
        printf '\nThe program no longer prints what the documents show. If the new output is right,\n'
        printf 'rewrite the samples and review the diff:\n  %s update %s %s\n' \
            "${BASH_SOURCE[0]}" "$bin" "$*"
    fi
    exit $overall
    ;;
links)
    (($# >= 1)) || usage
    links "$@"
    ;;
*) usage ;;
esac
