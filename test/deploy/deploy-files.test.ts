import { spawn, spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { closedPort } from '../helpers/ports.js';

/** SPEC §8: deploy/ holds ready deploy files. They are code: each is checked here. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const deploy = (file: string) => path.join(root, 'deploy', file);
const BIN = path.join(root, 'bin/discloop.js');
/** discloop's default --shutdown-timeout: a supervisor must wait longer before it kills. */
const SHUTDOWN_TIMEOUT_S = 10;

function run(command: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** A unit file as section → key → every value given (a key may repeat, e.g. Environment). */
function parseUnit(text: string): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {};
  let section: Record<string, string[]> = {};
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header?.[1]) {
      section = {};
      sections[header[1]] = section;
      continue;
    }
    const at = line.indexOf('=');
    const key = line.slice(0, at);
    section[key] = [...(section[key] ?? []), line.slice(at + 1)];
  }
  return sections;
}

// .ci/run installs it: under CI the check must run, elsewhere it runs where systemd is.
const hasSystemdAnalyze =
  spawnSync('systemd-analyze', ['--version']).error === undefined || process.env.CI !== undefined;

describe('deploy/discloop.service', async () => {
  const text = await readFile(deploy('discloop.service'), 'utf8');
  const service = parseUnit(text).Service ?? {};
  const one = (key: string) => service[key]?.[0];

  it('runs discloop from PATH, reloads with SIGHUP and keeps state in its StateDirectory', () => {
    expect(one('ExecStart')).toMatch(/^\/usr\/bin\/env discloop run \/etc\/discloop\/loops\.yaml/);
    expect(one('ExecReload')).toBe('/bin/kill -HUP $MAINPID');
    expect(one('StateDirectory')).toBe('discloop');
    expect(service.Environment).toContain('DISCLOOP_STATE=%S/discloop/state.json');
    expect(one('EnvironmentFile')).toBe('/etc/discloop/discloop.env');
  });

  it('restarts on failure but not on what a restart cannot fix, and waits out the shutdown', () => {
    expect(one('Restart')).toBe('on-failure');
    expect(one('RestartSec')).toBeDefined();
    expect(one('RestartPreventExitStatus')?.split(' ')).toEqual(['2', '3', '4']);
    expect(Number.parseInt(one('TimeoutStopSec') ?? '0', 10)).toBeGreaterThan(SHUTDOWN_TIMEOUT_S);
  });

  it('runs as a dynamic user, hardened', () => {
    expect(one('DynamicUser')).toBe('yes');
    expect(one('NoNewPrivileges')).toBe('yes');
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('ProtectHome')).toBe('yes');
    expect(one('MemoryDenyWriteExecute')).toBeUndefined();
  });

  it.skipIf(!hasSystemdAnalyze)('passes systemd-analyze verify without a warning', async () => {
    // verify wants ExecStart's program to exist: this checkout's bin, by node, stands in.
    const dir = await mkdtemp(path.join(tmpdir(), 'discloop-unit-'));
    const unit = path.join(dir, 'discloop.service');
    await writeFile(
      unit,
      text.replace(
        /^ExecStart=\/usr\/bin\/env discloop /m,
        `ExecStart=${process.execPath} ${BIN} `,
      ),
    );
    const { code, stderr } = await run('systemd-analyze', ['verify', unit]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

/** Dockerfile instructions, continuation lines joined, comments left out. */
function parseDockerfile(text: string): { instruction: string; args: string }[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [instruction = '', ...rest] = line.split(/\s+/);
      return { instruction: instruction.toUpperCase(), args: rest.join(' ') };
    });
}

describe('deploy/Dockerfile', async () => {
  const instructions = parseDockerfile(await readFile(deploy('Dockerfile'), 'utf8'));
  // The image that runs is the last stage.
  const lastFrom = instructions.map((i) => i.instruction).lastIndexOf('FROM');
  const final = instructions.slice(lastFrom);
  const all = (name: string) => final.filter((i) => i.instruction === name).map((i) => i.args);
  const index = (name: string) => final.findIndex((i) => i.instruction === name);
  const healthcheck = all('HEALTHCHECK')[0] ?? '';
  const probe: string[] = JSON.parse(healthcheck.slice(healthcheck.indexOf('CMD ') + 4));

  it('runs node:20-slim as a user that is not root, from the packed tarball', () => {
    expect(final[0]).toEqual({ instruction: 'FROM', args: 'node:20-slim' });
    const user = all('USER').at(-1);
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user?.split(':')[0]);
    expect(index('USER')).toBeLessThan(index('ENTRYPOINT'));
    expect(all('RUN').join(' ')).toMatch(/npm install -g .*discloop\.tgz/);
  });

  it('keeps state on a volume, serves metrics on every interface, stops with SIGTERM', () => {
    expect(all('VOLUME').join(' ')).toContain('/var/lib/discloop');
    expect(all('ENV').join(' ')).toContain('DISCLOOP_STATE=/var/lib/discloop/state.json');
    expect(all('STOPSIGNAL')).toEqual(['SIGTERM']);
    expect(all('EXPOSE')).toEqual(['9464']);
    expect(JSON.parse(all('ENTRYPOINT')[0] ?? '[]')).toEqual(['discloop']);
    expect(JSON.parse(all('CMD')[0] ?? '[]')).toEqual([
      'run',
      '/etc/discloop/loops.yaml',
      '--metrics',
      '0.0.0.0:9464',
    ]);
  });

  it('checks health with node on /healthz, no curl or wget', () => {
    expect(healthcheck).not.toMatch(/curl|wget/);
    expect(probe.slice(0, 2)).toEqual(['node', '-e']);
    expect(probe[2]).toContain("fetch('http://127.0.0.1:9464/healthz')");
  });

  it('its health probe passes on 200 and fails on 503 or no answer', async () => {
    let status = 200;
    const server = createServer((_, response) => response.writeHead(status).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const probeOn = (p: number) =>
      run(process.execPath, ['-e', (probe[2] ?? '').replace('9464', String(p))]);
    try {
      expect((await probeOn(port)).code).toBe(0);
      status = 503;
      expect((await probeOn(port)).code).toBe(1);
      expect((await probeOn(await closedPort())).code).toBe(1);
    } finally {
      server.close();
    }
  });
});

describe('deploy/ecosystem.config.cjs (pm2)', () => {
  it('runs discloop run once, lets it shut down, and does not restart what cannot recover', async () => {
    // A copy beside a .env, as the file's comment says to set it up.
    const dir = await mkdtemp(path.join(tmpdir(), 'discloop-pm2-'));
    await copyFile(deploy('ecosystem.config.cjs'), path.join(dir, 'ecosystem.config.cjs'));
    await writeFile(path.join(dir, '.env'), 'DISCORD_TOKEN=from-the-env-file\n');
    const { apps } = createRequire(import.meta.url)(path.join(dir, 'ecosystem.config.cjs'));
    const [app] = apps;
    expect(apps).toHaveLength(1);
    expect(app).toMatchObject({ script: 'discloop', instances: 1, cwd: dir, autorestart: true });
    expect(app.args.slice(0, 2)).toEqual(['run', 'loops.yaml']);
    expect(app.kill_timeout).toBeGreaterThan(SHUTDOWN_TIMEOUT_S * 1000);
    expect(app.stop_exit_codes).toEqual(expect.arrayContaining([0, 2, 3, 4]));
    expect(app.env.DISCORD_TOKEN).toBe('from-the-env-file');
  });
});

describe('deploy/.env.example', () => {
  it('asks for the token and holds no value of one', async () => {
    const env = parseEnv(await readFile(deploy('.env.example'), 'utf8'));
    expect(env).toEqual({ DISCORD_TOKEN: '' });
  });
});
