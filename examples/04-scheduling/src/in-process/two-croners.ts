// Two copies of the same server (as behind a load balancer), each with its own in-process scheduler:
// every tick, BOTH send the report. In-process schedulers don't know about each other.
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp } from './app.ts';

const sent: Array<{ tick: number; by: string }> = [];

function instance(name: string) {
  return buildApp([
    {
      name: 'daily-report',
      schedule: { cron: '* * * * * *' }, // every second, so the demo is quick; think "0 9 * * *"
      run: () => void sent.push({ tick: Math.floor(Date.now() / 1000), by: name }),
    },
  ]);
}

const servers = [instance('A'), instance('B')];
await Promise.all(servers.map((app) => app.ready()));
const ticksSentBy = (name: string) => new Set(sent.filter((s) => s.by === name).map((s) => s.tick)).size;
while (ticksSentBy('A') < 3 || ticksSentBy('B') < 3) await sleep(20); // until both have sent three reports
await Promise.all(servers.map((app) => app.close()));

const ticks = [...new Set(sent.map((s) => s.tick))].slice(0, 3);
ticks.forEach((tick, i) => {
  const senders = sent
    .filter((s) => s.tick === tick)
    .map((s) => s.by)
    .sort();
  console.log(`tick ${i + 1}: report sent by ${senders.join(' and ')}`);
});
const total = sent.filter((s) => ticks.includes(s.tick)).length;
console.log(`${ticks.length} ticks → ${total} reports: each instance runs its own scheduler.`);
