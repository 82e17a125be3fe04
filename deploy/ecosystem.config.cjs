// discloop under pm2. Put this file, loops.yaml and a .env (from .env.example) in one folder:
//   npm install -g discloop pm2
//   pm2 start ecosystem.config.cjs && pm2 save && pm2 startup
// Then: pm2 reload discloop (a restart: pm2 has no SIGHUP reload; state carries the loops over),
// pm2 logs discloop, curl http://127.0.0.1:9464/status.
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');
const { parseEnv } = require('node:util');

// The token and the config's ${VARS}, from .env beside this file (pm2 reads no env files;
// util.parseEnv needs Node 20.12 or newer). State goes to .discloop/state.json beside loops.yaml.
const envFile = path.join(__dirname, '.env');
const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};

module.exports = {
  apps: [
    {
      name: 'discloop',
      // Found on PATH (npm install -g); run by the node its first line names.
      script: 'discloop',
      interpreter: 'none',
      args: ['run', 'loops.yaml', '--metrics', '127.0.0.1:9464'],
      cwd: __dirname,
      // One process: discloop shards across processes itself (--processes), not pm2's cluster.
      instances: 1,
      exec_mode: 'fork',
      autorestart: true,
      // 2 bad config, 3 token rejected, 4 intent refused: a restart gives the same answer.
      stop_exit_codes: [0, 2, 3, 4],
      // Restarts back off (100 ms doubling to 15 s): each start is one of Discord's 1000
      // session starts a day.
      exp_backoff_restart_delay: 100,
      // pm2 stops with SIGINT; discloop gives runs in flight 10 s, then flushes its state.
      kill_timeout: 15_000,
      env: {
        NODE_ENV: 'production',
        NO_COLOR: '1',
        ...fromFile,
      },
    },
  ],
};
