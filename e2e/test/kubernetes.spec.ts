import { Ajv } from 'ajv';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments, parse } from 'yaml';

/**
 * deploy/kubernetes: every manifest of the base and of the production overlay, as kustomize would
 * build them, validated against the Kubernetes schemas (kubernetes-models) and, for the two operators'
 * custom resources, against the JSON schemas in deploy/kubernetes/crd-schemas. No cluster and no
 * kustomize binary are needed: the kustomizations use only resources, patches (strategic merge by kind
 * and name), images, replicas, namespace and labels, which this test applies itself.
 */
const root = path.resolve(import.meta.dirname, '../..');
const k8s = path.join(root, 'deploy/kubernetes');
// Manifests are free-form YAML: their fields are read without a schema type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const SERVICES = ['referral', 'shelter', 'compensation', 'notification', 'reporting', 'console'];

function loadFile(file: string): Obj[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as Obj | null)
    .filter((d): d is Obj => d !== null);
}

const key = (o: Obj) => `${o.kind}/${o.metadata?.name}`;

/** Strategic merge, as far as these manifests need: maps merge, lists of named items merge by name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function merge(target: any, patch: any): any {
  if (
    Array.isArray(patch) &&
    Array.isArray(target) &&
    patch.every((p) => p && typeof p === 'object' && 'name' in p)
  ) {
    const out = target.map((t) => ({ ...t }));
    for (const p of patch) {
      const i = out.findIndex((t) => t.name === p.name);
      if (i >= 0) out[i] = merge(out[i], p);
      else out.push(p);
    }
    return out;
  }
  if (
    patch &&
    typeof patch === 'object' &&
    !Array.isArray(patch) &&
    target &&
    typeof target === 'object' &&
    !Array.isArray(target)
  ) {
    const out = { ...target };
    for (const [k, v] of Object.entries(patch)) out[k] = k in out ? merge(out[k], v) : v;
    return out;
  }
  return patch;
}

function build(dir: string, problems: string[]): Obj[] {
  const file = path.join(dir, 'kustomization.yaml');
  if (!existsSync(file)) {
    problems.push(`${path.relative(root, dir)} has no kustomization.yaml`);
    return [];
  }
  const kust = parse(readFileSync(file, 'utf8')) as Obj;
  let objects: Obj[] = [];
  for (const r of (kust.resources ?? []) as string[]) {
    const p = path.resolve(dir, r);
    if (!existsSync(p)) problems.push(`${path.relative(root, file)}: resource ${r} does not exist`);
    else if (statSync(p).isDirectory()) objects.push(...build(p, problems));
    else objects.push(...loadFile(p));
  }
  for (const patch of (kust.patches ?? []) as { path: string }[]) {
    const p = path.resolve(dir, patch.path);
    if (!existsSync(p)) {
      problems.push(`${path.relative(root, file)}: patch ${patch.path} does not exist`);
      continue;
    }
    for (const doc of loadFile(p)) {
      const i = objects.findIndex((o) => key(o) === key(doc));
      if (i < 0) problems.push(`${path.relative(root, p)}: patch target ${key(doc)} is not in the build`);
      else objects[i] = merge(objects[i], doc);
    }
  }
  for (const { name, count } of (kust.replicas ?? []) as { name: string; count: number }[]) {
    const target = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name);
    if (!target) problems.push(`${path.relative(root, file)}: replicas for unknown Deployment ${name}`);
    else target.spec.replicas = count;
  }
  const images = (kust.images ?? []) as { name: string; newName?: string; newTag?: string }[];
  const retag = (spec: Obj | undefined) => {
    for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
      const img = images.find((i) => c.image === i.name || String(c.image).startsWith(`${i.name}:`));
      if (img) c.image = `${img.newName ?? img.name}${img.newTag ? `:${img.newTag}` : ''}`;
    }
  };
  for (const o of objects) {
    retag(o.spec?.template?.spec);
    for (const l of (kust.labels ?? []) as { pairs: Record<string, string> }[])
      o.metadata.labels = { ...o.metadata.labels, ...l.pairs };
    if (kust.namespace && o.kind !== 'Namespace') o.metadata.namespace = kust.namespace;
  }
  objects = JSON.parse(JSON.stringify(objects)) as Obj[];
  return objects;
}

const CRD_SCHEMAS: Record<string, string> = {
  'rabbitmq.com/v1beta1/RabbitmqCluster': 'rabbitmqcluster.rabbitmq.com-v1beta1.json',
  'postgresql.cnpg.io/v1/Cluster': 'cluster.postgresql.cnpg.io-v1.json',
};

async function validate(o: Obj): Promise<string[]> {
  const crd = CRD_SCHEMAS[`${o.apiVersion}/${o.kind}`];
  if (crd) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const check = ajv.compile(JSON.parse(readFileSync(path.join(k8s, 'crd-schemas', crd), 'utf8')));
    return check(o)
      ? []
      : (check.errors ?? []).map(
          (e) => `${key(o)} ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`,
        );
  }
  const group = String(o.apiVersion);
  // One module per kind: Jest loads the CommonJS build, whose index re-exports are opaque to it.
  let Model: (new (o: Obj) => { validate(): void }) | undefined;
  try {
    const mod = (await import(`kubernetes-models/${group}/${o.kind}`)) as Record<
      string,
      new (o: Obj) => { validate(): void }
    >;
    Model = mod[o.kind];
  } catch (err) {
    return [`${key(o)}: no Kubernetes schema for ${group} ${o.kind} (${(err as Error).message})`];
  }
  if (!Model) return [`${key(o)}: no Kubernetes schema for ${group} ${o.kind}`];
  try {
    new Model(o).validate();
    return [];
  } catch (err) {
    return [`${key(o)}: ${(err as Error).message}`];
  }
}

const layers = { base: path.join(k8s, 'base'), production: path.join(k8s, 'overlays/production') };

describe.each(Object.entries(layers))('deploy/kubernetes %s', (_layer, dir) => {
  const problems: string[] = [];
  const objects = build(dir, problems);
  const find = (kind: string, name: string) =>
    objects.find((o) => o.kind === kind && o.metadata.name === name);

  it('resolves every resource and patch of its kustomizations', () => {
    expect(problems).toEqual([]);
    expect(objects.length).toBeGreaterThan(30);
    expect(new Set(objects.map(key)).size).toBe(objects.length);
  });

  it('validates every manifest against the Kubernetes and the operators’ schemas', async () => {
    const errors: string[] = [];
    for (const o of objects) errors.push(...(await validate(o)));
    expect(errors).toEqual([]);
  });

  it.each(SERVICES)(
    'runs %s with probes, sized resources, a PodDisruptionBudget, an autoscaler, a Service and a NetworkPolicy',
    (name) => {
      const deployment = find('Deployment', name)!;
      expect(deployment).toBeDefined();
      const container = deployment.spec.template.spec.containers.find((c: Obj) => c.name === name);
      expect(container.args).toEqual([name]);
      expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(container.livenessProbe.httpGet.path).toBe('/health/live');
      expect(container.resources.requests.memory).toBeDefined();
      expect(container.resources.limits.memory).toBeDefined();
      expect(container.securityContext).toMatchObject({
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
      });
      const labels = deployment.spec.selector.matchLabels;
      const selects = (s: Obj) => Object.entries(s).every(([k, v]) => labels[k] === v);
      expect(selects(find('PodDisruptionBudget', name)!.spec.selector.matchLabels)).toBe(true);
      expect(find('HorizontalPodAutoscaler', name)!.spec.scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name,
      });
      expect(selects(find('Service', name)!.spec.selector)).toBe(true);
      expect(selects(find('NetworkPolicy', name)!.spec.podSelector.matchLabels)).toBe(true);
      // Secrets are files: every *_FILE variable points into the mounted Secret.
      const mounted = container.volumeMounts.map((m: Obj) => m.mountPath);
      for (const e of container.env.filter((v: Obj) => v.name.endsWith('_FILE'))) {
        expect(mounted.some((m: string) => e.value.startsWith(`${m}/`))).toBe(true);
      }
    },
  );

  it('lets each service reach only Postgres, RabbitMQ, DNS, tracing and what it must; only notification reaches webhooks and mail', () => {
    expect(find('NetworkPolicy', 'default-deny')!.spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    for (const name of SERVICES) {
      const egress = find('NetworkPolicy', name)!.spec.egress as Obj[];
      const external = egress.filter((r) => r.to?.some((t: Obj) => t.ipBlock));
      for (const rule of external) {
        for (const t of rule.to)
          expect(t.ipBlock.except).toEqual(expect.arrayContaining(['10.0.0.0/8', '169.254.0.0/16']));
        const ports = rule.ports.map((p: Obj) => p.port).sort();
        expect(ports).toEqual(name === 'notification' ? [25, 443, 465, 587] : [443]);
      }
      const pods = egress
        .flatMap((r) => (r.to ?? []).map((t: Obj) => t.podSelector?.matchLabels))
        .filter(Boolean);
      const reachesDb = pods.some((l: Obj) => l['cnpg.io/cluster'] === 'nrm-postgres');
      // The console too: its sessions are in its own schema.
      expect(reachesDb).toBe(true);
      const apps = pods
        .map((l: Obj) => l['app.kubernetes.io/name'])
        .filter((n: string) => SERVICES.includes(n));
      expect(apps).toEqual(name === 'console' ? SERVICES.filter((s) => s !== 'console') : []);
    }
  });

  it('gives every service the secrets its config requires, and never a secret value in a manifest', async () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const config = find('ConfigMap', 'nrm-config')!.data as Record<string, string>;
    for (const name of SERVICES) {
      const dir = path.join(root, 'apps', name, 'src/config');
      if (!existsSync(dir)) continue; // a service whose code has not landed yet
      const container = find('Deployment', name)!.spec.template.spec.containers[0];
      const given = new Set([
        ...Object.keys(config),
        ...container.env.map((e: Obj) => String(e.name).replace(/_FILE$/, '')),
      ]);
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.config.ts'))) {
        const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as Record<string, unknown>;
        for (const cls of Object.values(mod)) {
          if (typeof cls !== 'function') continue;
          let instance: Record<string, unknown>;
          try {
            instance = new (cls as new () => Record<string, unknown>)();
          } catch {
            continue;
          }
          if (!('PORT' in instance)) continue;
          const required = Object.keys(instance).filter(
            (k) =>
              instance[k] === undefined &&
              /(_KEYS|_KEY|_KEY_ID|^DATABASE_URL)$/.test(k) &&
              k !== 'JWT_PUBLIC_KEY',
          );
          for (const k of required)
            expect(`${name}: ${k} ${given.has(k) ? 'given' : 'missing'}`).toBe(`${name}: ${k} given`);
        }
      }
    }
  });

  it('runs RabbitMQ as a three-node operator cluster, Postgres through CloudNativePG, and the migration Job', () => {
    expect(find('RabbitmqCluster', 'nrm-rabbitmq')!.spec.replicas).toBe(3);
    expect(find('RabbitmqCluster', 'nrm-rabbitmq')!.spec.rabbitmq.additionalConfig).toContain(
      'default_queue_type = quorum',
    );
    expect(find('Cluster', 'nrm-postgres')!.spec.instances).toBeGreaterThanOrEqual(3);
    const job = find('Job', 'nrm-migrate')!;
    expect(job.spec.template.spec.initContainers.map((c: Obj) => c.args)).toEqual([['provision']]);
    expect(job.spec.template.spec.containers.map((c: Obj) => c.args[1]).sort()).toEqual(
      SERVICES.filter((s) => s !== 'console').sort(),
    );
  });
});

describe('deploy/kubernetes production overlay', () => {
  it('pins a registry image and raises the sizes of the busiest services', () => {
    const problems: string[] = [];
    const objects = build(layers.production, problems);
    expect(problems).toEqual([]);
    const images = new Set(
      objects.flatMap((o) =>
        [
          ...(o.spec?.template?.spec?.containers ?? []),
          ...(o.spec?.template?.spec?.initContainers ?? []),
        ].map((c: Obj) => c.image),
      ),
    );
    expect([...images]).toEqual(['registry.example.gov.az/nrm/nrm-platform:0.1.0']);
    expect(objects.every((o) => o.kind === 'Namespace' || o.metadata.namespace === 'nrm')).toBe(true);
    const referral = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'referral')!;
    expect(referral.spec.replicas).toBe(3);
    expect(referral.spec.template.spec.containers[0].resources.limits.memory).toBe('640Mi');
    expect(referral.spec.template.spec.containers[0].readinessProbe).toBeDefined(); // the patch merged, not replaced
  });
});
