// CPU used by each process of the platform over a window, from /proc (utime + stime), grouped by
// service (dist/apps/<service>), Postgres backend role (pg:<role>), RabbitMQ and the rest. Run it
// while a bench phase runs, e.g. `node scripts/lib/cpu-by-process.mjs 16` during
// `BENCH_PHASES=slow BENCH_SLOW_RATE=20 BENCH_E2E_SECONDS=20 node scripts/bench.mjs`.
// Unlike a V8 profile (wall time, which on two busy cores counts the time a process waits for a
// core), these are seconds of CPU.
import { readdirSync, readFileSync } from 'node:fs';
const secs = Number(process.argv[2] ?? 10);
const TICKS_PER_SECOND = 100; // USER_HZ (getconf CLK_TCK) on Linux
/** utime + stime (ticks) and command line of every process. */
const snap = () => {
  const m = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      m.set(pid, { t: Number(f[11]) + Number(f[12]), cmd });
    } catch {
      // the process ended between listing and reading
    }
  }
  return m;
};
/** The group a process belongs to. */
const key = (cmd) => {
  const a = /apps\/([a-z]+)\//.exec(cmd);
  if (a) return a[1];
  if (/^postgres: \S+: (nrm_[a-z]+)/.test(cmd)) return 'pg:' + /^postgres: \S+: (nrm_[a-z]+)/.exec(cmd)[1];
  if (/^postgres/.test(cmd)) return 'pg:other';
  if (/beam|rabbit|epmd|erl/.test(cmd)) return 'rabbitmq';
  return cmd.slice(0, 40);
};
const a = snap();
await new Promise((r) => setTimeout(r, secs * 1000));
const b = snap();
const sum = new Map();
for (const [pid, v] of b) {
  const d = v.t - (a.get(pid)?.t ?? 0);
  if (d > 0) sum.set(key(v.cmd), (sum.get(key(v.cmd)) ?? 0) + d / TICKS_PER_SECOND);
}
let tot = 0;
for (const v of sum.values()) tot += v;
console.log(
  `window ${secs} s, total CPU ${tot.toFixed(1)} s (${((tot / secs) * 100).toFixed(0)} % of one core)`,
);
for (const [k, v] of [...sum].sort((x, y) => y[1] - x[1]).slice(0, 16))
  console.log(v.toFixed(2).padStart(7), 's', k);
