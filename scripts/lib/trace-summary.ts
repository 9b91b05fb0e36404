// Reads a Chromium trace (CDP Tracing, devtools.timeline categories) and says what each long task of the page's
// main thread spent its time on: self time per kind of work (script by function, style, layout — forced from
// script or not —, paint, GC …), so a benchmark can tell our code from the browser's own work and from load.
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Time the thread actually ran (its CPU time): on a busy machine a task's `dur` also counts time it waited. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; lineNumber?: number } };
}

export const timelineCategories = [
  '-*',
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'blink.user_timing',
].join(',');

/** Starts tracing on a page's CDP session; the returned function ends it and resolves with every event. */
export async function startTracing(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: timelineCategories, transferMode: 'ReportEvents' });
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    return events;
  };
}

export interface LongTaskSummary {
  startMs: number;
  durationMs: number;
  /** Of which the main thread ran (the rest it waited for a CPU: the machine's load, not the page). */
  cpuMs: number;
  /** Self time per kind of work, largest first. */
  parts: [string, number][];
  /** With a CPU profile of the same time: script self time per function within the task, largest first. */
  functions: [string, number][];
}

/** A CDP Profiler profile (its timestamps are on the trace's clock, in microseconds). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The main thread's tasks longer than `thresholdMs`, each with where its time went. */
export function summariseLongTasks(events: TraceEvent[], thresholdMs = 50, profile?: CpuProfile): LongTaskSummary[] {
  const main = mainThread(events);
  if (!main) return [];
  const own = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const origin = own[0]?.ts ?? 0;
  const summaries: LongTaskSummary[] = [];
  let i = 0;
  while (i < own.length) {
    const task = own[i]!;
    const end = task.ts + task.dur!;
    let j = i + 1;
    while (j < own.length && own[j]!.ts < end) j++;
    if (task.name === 'RunTask' && task.dur! / 1000 > thresholdMs) {
      summaries.push({
        startMs: Math.round((task.ts - origin) / 1000),
        durationMs: Math.round(task.dur! / 1000),
        cpuMs: Math.round((task.tdur ?? task.dur!) / 1000),
        parts: selfTimes(own.slice(i, j)),
        functions: profile ? functionTimes(profile, task.ts, end) : [],
      });
    }
    i = j;
  }
  return summaries;
}

/**
 * The main thread's longest task twice over: by wall time (what a long-task observer reports) and by CPU time
 * (the work the page did, which a loaded machine does not stretch).
 */
export function longestTask(events: TraceEvent[]): { wallMs: number; cpuMs: number } {
  const main = mainThread(events);
  let wall = 0;
  let cpu = 0;
  for (const e of events) {
    if (!main || e.pid !== main.pid || e.tid !== main.tid || e.name !== 'RunTask' || e.ph !== 'X') continue;
    wall = Math.max(wall, e.dur ?? 0);
    cpu = Math.max(cpu, e.tdur ?? e.dur ?? 0);
  }
  return { wallMs: Math.round(wall / 1000), cpuMs: Math.round(cpu / 1000) };
}

/** Self time of each event (its duration less its children's), keyed by what it is. */
function selfTimes(nested: TraceEvent[]): [string, number][] {
  const totals = new Map<string, number>();
  const stack: { event: TraceEvent; end: number; children: number; key: string }[] = [];
  const close = (until: number) => {
    while (stack.length > 0 && stack.at(-1)!.end <= until) {
      const done = stack.pop()!;
      totals.set(done.key, (totals.get(done.key) ?? 0) + (done.event.dur! - done.children) / 1000);
      if (stack.length > 0) stack.at(-1)!.children += done.event.dur!;
    }
  };
  for (const event of nested) {
    close(event.ts);
    const inScript = stack.some((s) => isScript(s.event));
    stack.push({ event, end: event.ts + event.dur!, children: 0, key: describe(event, inScript, stack) });
  }
  close(Infinity);
  return [...totals]
    .map(([key, ms]) => [key, Math.round(ms * 10) / 10] as [string, number])
    .filter(([, ms]) => ms >= 0.5)
    .sort((a, b) => b[1] - a[1]);
}

/** Self time per function of the profile's samples between two trace timestamps. */
function functionTimes(profile: CpuProfile, from: number, to: number): [string, number][] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < from || at > to) return;
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()?.replace(/\?.*/, '')}:${lineNumber + 1}`;
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? delta) / 1000);
  });
  return [...totals]
    .map(([key, ms]) => [key, Math.round(ms * 10) / 10] as [string, number])
    .filter(([, ms]) => ms >= 1)
    .sort((a, b) => b[1] - a[1]);
}

function isScript(event: TraceEvent): boolean {
  return ['FunctionCall', 'EvaluateScript', 'v8.run', 'TimerFire', 'FireAnimationFrame', 'EventDispatch'].includes(
    event.name,
  );
}

function describe(event: TraceEvent, inScript: boolean, stack: { event: TraceEvent }[]): string {
  if (event.name === 'FunctionCall') {
    const { functionName, url, lineNumber } = event.args?.data ?? {};
    const file = (url ?? '').split('/').pop()?.replace(/\?.*/, '');
    return `script ${functionName || '(anonymous)'} ${file}:${(lineNumber ?? 0) + 1}`;
  }
  if (event.name === 'Layout' || event.name === 'UpdateLayoutTree') {
    return `${event.name}${inScript ? ' (forced by script)' : ''}`;
  }
  // GC and other work inside a script call belong to it: name the call.
  const script = [...stack].reverse().find((s) => s.event.name === 'FunctionCall');
  if (script && /GC|gc/.test(event.name)) return `GC in script`;
  return event.name;
}

function mainThread(events: TraceEvent[]): { pid: number; tid: number } | undefined {
  // The renderer main thread with the most top-level work is the page's.
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best: { pid: number; tid: number; busy: number } | undefined;
  for (const m of mains) {
    const busy = events
      .filter((e) => e.pid === m.pid && e.tid === m.tid && e.name === 'RunTask')
      .reduce((sum, e) => sum + (e.dur ?? 0), 0);
    if (!best || busy > best.busy) best = { pid: m.pid, tid: m.tid, busy };
  }
  return best;
}
