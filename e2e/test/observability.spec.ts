import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { Metrics } from '#shared';

/**
 * deploy/observability: the Prometheus alert rules and the Grafana dashboard parse, are complete,
 * and name only metrics the code exposes (a renamed metric would silently disable an alert).
 */
const root = path.resolve(import.meta.dirname, '../..');
const dir = path.join(root, 'deploy/observability');

function walk(d: string, out: string[] = []): string[] {
  if (!existsSync(d)) return out;
  for (const name of readdirSync(d)) {
    const p = path.join(d, name);
    if (statSync(p).isDirectory()) {
      if (!['node_modules', 'testing', 'test'].includes(name)) walk(p, out);
    } else if (p.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(p)) out.push(p);
  }
  return out;
}

/** Every metric name the services expose, with the series a histogram adds. */
async function exposedMetrics(): Promise<Set<string>> {
  const names = new Set<string>(['up']);
  // The platform's own metrics and prom-client's process metrics, from a real registry.
  for (const m of await new Metrics('probe').registry.getMetricsAsJSON()) names.add(m.name);
  // The services' metrics, from their definitions in the code.
  const sources = [
    ...readdirSync(path.join(root, 'apps')).flatMap((a) => walk(path.join(root, 'apps', a, 'src'))),
    ...walk(path.join(root, 'libs/shared/src')),
  ];
  for (const file of sources) {
    const text = readFileSync(file, 'utf8');
    const patterns = [
      /\b(?:counter|gauge|histogram)\(\s*'([a-z_][a-z0-9_]*)'/g,
      /new\s+\w*(?:Counter|Gauge|Histogram|Summary)\b[^(]*\(\s*\{\s*name:\s*'([a-z_][a-z0-9_]*)'/g,
    ];
    for (const re of patterns)
      for (const m of text.matchAll(re)) names.add(m[1].startsWith('nrm_') ? m[1] : `nrm_${m[1]}`);
  }
  for (const n of [...names]) for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${n}${suffix}`);
  return names;
}

const referenced = (expr: string) => [...expr.matchAll(/\b(nrm_[a-z0-9_]+|up)\b/g)].map((m) => m[1]);

const balanced = (expr: string) => {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const ch of expr.replace(/"[^"]*"/g, '""')) {
    if ('([{'.includes(ch)) stack.push(ch);
    else if (ch in pairs && stack.pop() !== pairs[ch]) return false;
  }
  return stack.length === 0;
};

describe('deploy/observability', () => {
  const alerts = parse(readFileSync(path.join(dir, 'alerts.yaml'), 'utf8')) as {
    groups: {
      name: string;
      rules: {
        alert: string;
        expr: string;
        for?: string;
        labels: { severity: string };
        annotations: { summary: string };
      }[];
    }[];
  };
  const rules = alerts.groups.flatMap((g) => g.rules);
  const dashboard = JSON.parse(readFileSync(path.join(dir, 'grafana-dashboard.json'), 'utf8')) as {
    uid: string;
    title: string;
    panels: { title: string; type: string; gridPos: object; targets: { expr: string }[] }[];
  };

  it('has well-formed alert rules for a service down, outbox age, parked messages, the handover deadline and failing deliveries', () => {
    for (const r of rules) {
      expect(r.alert).toMatch(/^Nrm[A-Za-z]+$/);
      expect(['warning', 'critical']).toContain(r.labels.severity);
      expect(r.annotations.summary.length).toBeGreaterThan(10);
      expect(balanced(r.expr)).toBe(true);
      if (r.for !== undefined) expect(r.for).toMatch(/^\d+[smh]$/);
    }
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
    const exprOf = (pattern: RegExp) => rules.filter((r) => pattern.test(r.expr)).map((r) => r.alert);
    expect(exprOf(/\bup\{/)).not.toEqual([]);
    expect(exprOf(/nrm_outbox_oldest_unsent_age_seconds/)).not.toEqual([]);
    expect(exprOf(/nrm_parked_messages/)).not.toEqual([]);
    expect(exprOf(/nrm_referrals_awaiting_handover\{due="approaching"\}/)).not.toEqual([]);
    expect(exprOf(/nrm_notification_deliveries_failed_total/)).not.toEqual([]);
  });

  it('alerts and dashboard name only metrics the code exposes', async () => {
    const exposed = await exposedMetrics();
    const exprs = [
      ...rules.map((r) => r.expr),
      ...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)),
    ];
    const unknown = [...new Set(exprs.flatMap(referenced))].filter((n) => !exposed.has(n));
    expect(unknown).toEqual([]);
    expect(exprs.flatMap(referenced).length).toBeGreaterThan(20);
  });

  it('has a Grafana dashboard whose every panel queries Prometheus', () => {
    expect(dashboard.uid).toBe('nrm-platform');
    expect(dashboard.panels.length).toBeGreaterThan(8);
    for (const p of dashboard.panels) {
      expect(p.gridPos).toBeDefined();
      expect(p.targets.length).toBeGreaterThan(0);
      for (const t of p.targets) expect(balanced(t.expr)).toBe(true);
    }
  });
});
