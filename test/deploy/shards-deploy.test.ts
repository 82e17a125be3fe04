import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { shardIds, shardRequest } from '../../src/connection/shards.js';

/** Deploy files are code: the env each replica gets must give it its own shards, all of them. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => readFile(path.join(root, 'deploy', file), 'utf8');
type Env = Record<string, string | undefined>;

/** The shards each replica runs, as discloop reads its environment (src/connection/shards.ts). */
function shardsOf(envs: Env[]): number[][] {
  return envs.map((env) => {
    const request = shardRequest({}, env);
    if (request.kind === 'all') throw new Error('a replica without a process index');
    const count = request.count;
    if (count === 'auto') throw new Error('DISCLOOP_SHARD_COUNT must be fixed, not auto');
    return shardIds(request, count);
  });
}

/** Every shard id 0…count-1 once across the replicas. */
function expectEachShardOnce(perReplica: number[][], count: number) {
  expect(perReplica.every((ids) => ids.length > 0)).toBe(true);
  expect(perReplica.flat().sort((a, b) => a - b)).toEqual(
    Array.from({ length: count }, (_, i) => i),
  );
}

/** Compose's `${NAME:-default}` and `${NAME:?message}`, with nothing set but what is given. */
const interpolate = (value: string, env: Env) =>
  value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind, rest: string) => {
    const set = env[name];
    if (set !== undefined && set !== '') return set;
    if (kind === '-') return rest;
    throw new Error(`${name} must be set: ${rest}`);
  });

interface ComposeService {
  image?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
}

describe('deploy/docker-compose.shards.yml', async () => {
  const compose = parse(await read('docker-compose.shards.yml'), { merge: true }) as {
    services: Record<string, ComposeService>;
    volumes: Record<string, unknown>;
  };
  const replicas = Object.entries(compose.services).filter(([, s]) => s.image === 'discloop');
  const envOf = (service: ComposeService, given: Env = { DISCORD_TOKEN: 'x' }): Env =>
    Object.fromEntries(
      Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), given)]),
    );

  it('gives each replica its own process index of DISCLOOP_PROCESS_COUNT, one shard count for all', () => {
    const envs = replicas.map(([, s]) => envOf(s));
    expect(envs.map((e) => e.DISCLOOP_PROCESS_INDEX).sort()).toEqual(
      replicas.map((_, i) => String(i)),
    );
    expect(new Set(envs.map((e) => e.DISCLOOP_PROCESS_COUNT))).toEqual(
      new Set([String(replicas.length)]),
    );
    expect(new Set(envs.map((e) => e.DISCLOOP_SHARD_COUNT)).size).toBe(1);
    expectEachShardOnce(shardsOf(envs), Number(envs[0]?.DISCLOOP_SHARD_COUNT));
    // The shard count can be raised from the environment, for every replica at once.
    const raised = replicas.map(([, s]) =>
      envOf(s, { DISCORD_TOKEN: 'x', DISCLOOP_SHARD_COUNT: '9' }),
    );
    expectEachShardOnce(shardsOf(raised), 9);
  });

  it('needs the token from the environment and sends REST through the shared proxy', () => {
    expect(() => envOf(replicas[0]?.[1] ?? {}, {})).toThrow(/DISCORD_TOKEN must be set/);
    expect(compose.services.proxy?.image).toBe('discordjs/proxy');
    for (const [, service] of replicas)
      expect(envOf(service).DISCLOOP_API_URL).toBe('http://proxy:8080/api');
  });

  it('keeps each replica’s state on a volume of its own, its metrics on a port of its own', () => {
    const stateVolumes = replicas.map(
      ([, s]) => s.volumes?.find((v) => v.endsWith(':/var/lib/discloop'))?.split(':')[0],
    );
    expect(new Set(stateVolumes).size).toBe(replicas.length);
    for (const volume of stateVolumes) expect(compose.volumes).toHaveProperty(volume ?? '?');
    const hostPorts = replicas.map(([, s]) => s.ports?.[0]?.split(':').slice(0, -1).join(':'));
    expect(new Set(hostPorts).size).toBe(replicas.length);
  });
});

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { fieldRef?: { fieldPath: string }; secretKeyRef?: { name: string; key: string } };
}
interface Probe {
  httpGet: { path: string; port: string | number };
}

describe('deploy/kubernetes/statefulset.yaml', async () => {
  const docs = parseAllDocuments(await read('kubernetes/statefulset.yaml')).map(
    (d) => d.toJS() as { kind: string; metadata: { name: string }; spec: Record<string, never> },
  );
  const set = docs.find((d) => d.kind === 'StatefulSet')?.spec as unknown as {
    replicas: number;
    serviceName: string;
    podManagementPolicy: string;
    template: {
      spec: {
        containers: {
          args: string[];
          env: EnvVar[];
          ports: { name: string; containerPort: number }[];
          readinessProbe: Probe;
          livenessProbe: Probe;
          volumeMounts: { name: string; mountPath: string }[];
        }[];
      };
    };
    volumeClaimTemplates: { metadata: { name: string } }[];
  };
  const container = set.template.spec.containers[0];
  const env = (name: string) => container?.env.find((e) => e.name === name);

  it('passes the pod index label through the downward API, and replicas as the process count', () => {
    expect(env('DISCLOOP_PROCESS_INDEX')?.valueFrom?.fieldRef?.fieldPath).toBe(
      "metadata.labels['apps.kubernetes.io/pod-index']",
    );
    expect(env('DISCLOOP_PROCESS_COUNT')?.value).toBe(String(set.replicas));
    expect(env('DISCORD_TOKEN')?.valueFrom?.secretKeyRef).toBeDefined();
    // Each pod as Kubernetes labels it, 0…replicas-1: every shard runs in exactly one.
    const count = Number(env('DISCLOOP_SHARD_COUNT')?.value);
    const pods = Array.from({ length: set.replicas }, (_, index) => ({
      DISCLOOP_SHARD_COUNT: env('DISCLOOP_SHARD_COUNT')?.value,
      DISCLOOP_PROCESS_COUNT: env('DISCLOOP_PROCESS_COUNT')?.value,
      DISCLOOP_PROCESS_INDEX: String(index),
    }));
    expectEachShardOnce(shardsOf(pods), count);
    expect(set.podManagementPolicy).toBe('Parallel');
  });

  it('probes /readyz and /healthz on the --metrics port, and keeps state on a claimed volume', () => {
    const metrics = container?.args[container.args.indexOf('--metrics') + 1];
    expect(metrics).toBe('0.0.0.0:9464');
    const port = container?.ports.find((p) => p.containerPort === 9464)?.name;
    expect(container?.readinessProbe.httpGet).toEqual({ path: '/readyz', port });
    expect(container?.livenessProbe.httpGet).toEqual({ path: '/healthz', port });
    const stateDir = path.posix.dirname(env('DISCLOOP_STATE')?.value ?? '');
    const claim = set.volumeClaimTemplates[0]?.metadata.name;
    expect(container?.volumeMounts).toContainEqual({ name: claim, mountPath: stateDir });
  });

  it('sends REST to the one proxy the file also deploys, behind the service it names', () => {
    const url = new URL(env('DISCLOOP_API_URL')?.value ?? '');
    const service = docs.find((d) => d.kind === 'Service' && d.metadata.name === url.hostname);
    expect(service?.spec).toMatchObject({ ports: [{ port: Number(url.port) }] });
    const proxy = docs.find((d) => d.kind === 'Deployment') as unknown as {
      spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
    };
    expect(proxy.spec.replicas).toBe(1);
    expect(proxy.spec.template.spec.containers[0]?.image).toBe('discordjs/proxy');
    expect(
      docs.find((d) => d.kind === 'Service' && d.metadata.name === set.serviceName),
    ).toBeDefined();
  });
});
