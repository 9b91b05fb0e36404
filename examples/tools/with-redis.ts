// Usage: node tools/with-redis.ts <command> [args...]
// Starts a real redis-server (or uses REDIS_URL), runs the command with REDIS_URL set,
// stops the server and exits with the command's exit code.
import { spawn } from 'node:child_process';
import { mustHaveRealRedis, realRedisUnavailableReason, startRealRedis } from './redis-server.ts';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node tools/with-redis.ts <command> [args...]');
  process.exit(2);
}

const reason = realRedisUnavailableReason();
if (reason) {
  const banner = '='.repeat(78);
  if (mustHaveRealRedis()) {
    console.error(`${banner}\nFAIL: real-Redis tests cannot run on CI: ${reason}\n${banner}`);
    process.exit(1);
  }
  console.error(`${banner}\nSKIPPED real-Redis tests: ${reason}\n${banner}`);
  process.exit(0);
}

const redis = await startRealRedis();
console.error(`with-redis: using ${redis.url}${redis.owned ? ' (started for this run)' : ''}`);
const child = spawn(command, args, {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, REDIS_URL: redis.url },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal));
}
const code: number = await new Promise((resolve) => {
  child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  child.once('error', (error) => {
    console.error(`with-redis: could not run ${command}: ${error.message}`);
    resolve(127);
  });
});
await redis.stop();
process.exit(code);
