#!/usr/bin/env bash
# ./cookbook's exercise commands, as a learner uses them, on a progress file of its own:
# `exercise watch` in a pseudo-terminal (script(1)) sees the starting file fail, a save
# that does not compile, a save of the solution pass, and moves on to the next exercise;
# then list, hint, solution, --report, --reset and bad input.
#
# Watch needs a file to edit: it edits exercises/01_first_message/main.cpp and puts it
# back (and rebuilds it) when it ends, however it ends. Skipped (77) when that file was
# edited, so a learner's work is never touched.
set -euo pipefail

ROOT=$1
cd "$ROOT"
first=exercises/01_first_message/main.cpp
second=$(basename "$(ls -d exercises/[0-9][0-9]_* | sed -n 2p)")
second_name=${second:3}

if command -v git >/dev/null && git rev-parse --git-dir >/dev/null 2>&1 && ! git diff --quiet HEAD -- "$first"; then
    echo "$first was edited; this test works on the file as handed out, so it is skipped."
    exit 77
fi

work=$(mktemp -d)
export COOKBOOK_EXERCISES_PROGRESS=$work/progress.json
cp "$first" "$work/original.cpp"
watcher=
finish() {
    [[ -z $watcher ]] || kill -- "-$watcher" 2>/dev/null || true
    cp "$work/original.cpp" "$first"
    cmake --build build/default --target exercise_first_message >/dev/null
    rm -rf "$work"
}
trap finish EXIT

fail() {
    echo "FAILED: $*" >&2
    [[ ! -f $work/watch.log ]] || { echo "--- what watch printed:" >&2; cat "$work/watch.log" >&2; }
    exit 1
}

# wait_for TEXT [COUNT]: until the watch session has printed TEXT (COUNT times).
wait_for() {
    local text=$1 count=${2:-1} i
    for ((i = 0; i < 600; i++)); do
        (($(grep -cF -- "$text" "$work/watch.log" 2>/dev/null || true) >= count)) && return 0
        sleep 0.3
    done
    fail "watch never printed: $text"
}

# Saves $2 as $1 with a modification time surely different from the last one.
save() {
    sleep 1.1
    cp "$2" "$1"
    touch "$1"
}

# ---- watch ----
setsid script -qfc "./cookbook exercise watch" "$work/watch.log" >/dev/null 2>&1 &
watcher=$!
wait_for "watching $first"
wait_for "✗ not yet"

echo 'int main() { this does not compile; }' >"$work/broken.cpp"
save "$first" "$work/broken.cpp"
wait_for "✗ it does not compile yet"
wait_for "watching $first" 2

save "$first" exercises/solutions/first_message.cpp
wait_for "✓ first_message passes"
wait_for "watching exercises/$second/main.cpp"
kill -- "-$watcher"
watcher=
echo "watch: failed, did not compile, passed, moved on to $second_name"

# ---- the other commands ----
list=$(./cookbook exercises)
grep -q "✓ 01 first_message" <<<"$list" || fail "the list does not show first_message passed: $list"
grep -q "Next: $second_name" <<<"$list" || fail "the list does not name the next exercise: $list"

./cookbook solution first_message | grep -qF 'tx.send("hello")' || fail "no solution shown for a passed exercise"
if out=$(./cookbook solution "$second_name" 2>&1); then fail "a solution was shown before its exercise passed"; fi
grep -q "is shown once your own passes" <<<"$out" || fail "the refusal does not say why: $out"

./cookbook hint "$second_name" | grep -q "^Hint 1 of" || fail "the first hint is not hint 1"
./cookbook hint "$second_name" | grep -q "^Hint 2 of" || fail "hint did not move on to hint 2"

report=$(./cookbook exercises --report)
grep -q '"format": "chan-exercises-report/1"' <<<"$report" || fail "the report is not one: $report"
grep -q '"passed": 1,' <<<"$report" || fail "the report does not count 1 passed: $report"
grep -q '"hints_shown": 2' <<<"$report" || fail "the report does not count the hints: $report"

set +e
out=$(./cookbook exercise no_such_exercise 2>&1); status=$?
set -e
[[ $status -eq 2 && $out == *"there is no exercise named 'no_such_exercise'"* ]] ||
    fail "an unknown exercise gave status $status: $out"
set +e
out=$(./cookbook exercises --bogus 2>&1); status=$?
set -e
[[ $status -eq 2 && $out == *"unknown option for exercises: --bogus"* ]] || fail "a bad flag gave status $status: $out"

echo "not json" >"$COOKBOOK_EXERCISES_PROGRESS"
set +e
out=$(./cookbook exercises 2>&1); status=$?
set -e
[[ $status -eq 1 && $out == *"not a progress file"* ]] || fail "a broken progress file gave status $status: $out"

./cookbook exercises --reset >/dev/null
./cookbook exercises | grep -q "^0 of " || fail "--reset did not forget the progress"
echo "list, solution, hint, report, bad input and reset: as expected"
