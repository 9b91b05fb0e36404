// End to end, over real HTTP and real SMTP (both on 127.0.0.1): upload → inference job → e-mail.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../src/connection.ts';
import { NOTIFY_QUEUE, type NotifyResult } from '../src/jobs/analysis.ts';
import { createHttpModel } from '../src/model/http-model.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';
import { postText, readEvents, startTestCapstone, waitFor } from './support/harness.ts';

const REVIEWS = [
  'I love this product, it is wonderful',
  'Terrible support, very disappointed',
  'The box is blue',
  'Great value and fast delivery',
  'Awful smell, I hate it',
  'Good enough',
  'It arrived on Tuesday',
].join('\n');

/** Reads the state before the job, so a completed job always comes with its return value. */
async function completedJob(queue: Queue, id: string) {
  return (await queue.getJobState(id)) === 'completed' ? await queue.getJob(id) : undefined;
}

let smtp: SmtpSink;
let capstone: Awaited<ReturnType<typeof startTestCapstone>>;

beforeEach(async () => {
  smtp = await startSmtpSink();
});

afterEach(async () => {
  await capstone?.close();
  await smtp.close();
});

describe('a successful analysis', () => {
  it('answers 202 at once, streams progress per batch and e-mails the summary', async () => {
    capstone = await startTestCapstone(smtp.url, { workers: false, settings: { batchSize: 3 } });

    const accepted = await postText(capstone.url, 'ada@example.com', REVIEWS);
    expect(accepted.status).toBe(202);
    const { id, rows } = (await accepted.json()) as { id: string; rows: number };
    expect(rows).toBe(7);
    expect(accepted.headers.get('location')).toBe(`/analyses/${id}`);

    // No worker yet: the job waits in Redis. Subscribe to its events, then start the workers.
    const stream = await fetch(`${capstone.url}/analyses/${id}/events`);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    capstone.startWorkers();
    const events = await readEvents(stream);

    expect(events.map((e) => e.event)).toEqual([
      'snapshot',
      'progress',
      'progress',
      'progress',
      'completed',
      'notified',
    ]);
    expect(events[0]?.data).toMatchObject({ status: 'queued', progress: { done: 0, total: 7 } });
    expect(events.filter((e) => e.event === 'progress').map((e) => e.data.progress)).toEqual([
      { done: 3, total: 7 },
      { done: 6, total: 7 },
      { done: 7, total: 7 },
    ]);
    expect(events[4]?.data.summary).toMatchObject({ total: 7, positive: 3, negative: 2, neutral: 2 });

    const [mail] = await smtp.waitForMessages(1);
    expect(mail?.to).toMatchObject({ text: 'ada@example.com' });
    expect(mail?.subject).toBe(`Your analysis ${id} is ready: 3 positive, 2 negative, 2 neutral`);
    expect(mail?.text).toContain('Summary: 7 rows - 3 positive, 2 negative, 2 neutral.');
    expect(mail?.text).toContain('Most negative: "Awful smell, I hate it"');
    expect(mail?.messageId).toBe(`<${id}.result@async-lab.localhost>`);

    const view = (await (await fetch(`${capstone.url}/analyses/${id}`)).json()) as Record<string, any>;
    expect(view).toMatchObject({ id, status: 'completed', progress: { done: 7, total: 7 }, notification: 'sent' });
    expect(view.result.rows).toHaveLength(7);
    expect(view.result.rows[0]).toEqual({ text: 'I love this product, it is wonderful', label: 'positive', score: 7 });
  });

  it('accepts a CSV upload with a "text" column, and mails exactly the address that was sent', async () => {
    capstone = await startTestCapstone(smtp.url);
    const form = new FormData();
    const email = "grace.o'hara+reviews@mail.example.co.uk"; // unusual, and still one plain address
    form.set('email', email);
    const csv = 'id,text\n1,"Fantastic, truly excellent"\n2,Broken on arrival\n';
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'reviews.csv');

    const accepted = await fetch(`${capstone.url}/analyses`, { method: 'POST', body: form });
    expect(accepted.status).toBe(202);
    const { id } = (await accepted.json()) as { id: string };

    const [mail] = await smtp.waitForMessages(1);
    expect(mail?.envelopeTo).toEqual([email]);
    expect(mail?.to).toMatchObject({ text: email });
    expect(mail?.subject).toBe(`Your analysis ${id} is ready: 1 positive, 1 negative, 0 neutral`);
    expect(mail?.text).toContain('Fantastic, truly excellent');
  });
});

describe('a failed analysis', () => {
  let modelServer: Server;
  afterEach(() => new Promise<void>((resolve) => modelServer.close(() => resolve())));

  it('retries the model, then e-mails a failure notice that says what went wrong', async () => {
    let calls = 0;
    modelServer = createServer((_req, res) => {
      calls += 1;
      res.writeHead(503).end('overloaded');
    });
    await new Promise<void>((resolve) => modelServer.listen(0, '127.0.0.1', resolve));
    const modelUrl = `http://127.0.0.1:${(modelServer.address() as AddressInfo).port}/score`;
    capstone = await startTestCapstone(smtp.url, { model: createHttpModel(modelUrl) });

    const accepted = await postText(capstone.url, 'ada@example.com', 'I love it');
    const { id } = (await accepted.json()) as { id: string };
    const events = await readEvents(await fetch(`${capstone.url}/analyses/${id}/events`));
    expect(events.at(-1)).toEqual({ event: 'notified', data: { notification: 'sent' } });

    const [mail] = await smtp.waitForMessages(1);
    expect(mail?.subject).toBe(`Your analysis ${id} failed`);
    expect(mail?.text).toContain(`What went wrong: The model at ${modelUrl} answered HTTP 503`);
    expect(calls, 'both inference attempts reached the model').toBe(2);

    const view = (await (await fetch(`${capstone.url}/analyses/${id}`)).json()) as Record<string, unknown>;
    expect(view).toMatchObject({ status: 'failed', attempts: 2, notification: 'sent' });
    expect(view.error).toContain('answered HTTP 503');
  });
});

describe('sending the e-mail', () => {
  it('retries with backoff when the SMTP server is temporarily busy, and delivers once', async () => {
    smtp.rejectNext(1);
    capstone = await startTestCapstone(smtp.url);
    const { id } = (await (await postText(capstone.url, 'ada@example.com', 'Nice')).json()) as { id: string };

    await smtp.waitForMessages(1);
    expect(smtp.rejected).toBe(1);
    const connection = connect();
    const notify = new Queue(NOTIFY_QUEUE, { connection, prefix: capstone.settings.prefix });
    const job = await waitFor('the notify job to complete', () => completedJob(notify, id));
    expect(job.attemptsMade).toBe(2);
    await notify.close();
    await connection.quit();
    expect(smtp.messages).toHaveLength(1);
  });

  it('does not send a second e-mail when the notify job runs again', async () => {
    capstone = await startTestCapstone(smtp.url);
    const { id } = (await (await postText(capstone.url, 'ada@example.com', 'Nice')).json()) as { id: string };
    await smtp.waitForMessages(1);

    const connection = connect();
    const notify = new Queue(NOTIFY_QUEUE, { connection, prefix: capstone.settings.prefix });
    const firstRun = await waitFor('the first notify run', () => completedJob(notify, id));
    expect(firstRun.returnvalue).toMatchObject({ kind: 'result', delivery: 'sent' } satisfies Partial<NotifyResult>);

    // Run the very same job again, as a retry after a crash would.
    await firstRun.retry('completed');
    const secondRun = await waitFor('the second notify run', async () => {
      const job = await completedJob(notify, id);
      return (job?.returnvalue as NotifyResult | undefined)?.delivery === 'already-sent' ? job : undefined;
    });
    expect(await notify.getJobLogs(id)).toMatchObject({
      logs: expect.arrayContaining(['already sent earlier, not sending again']),
    });
    expect(secondRun.returnvalue).toMatchObject({ kind: 'result', delivery: 'already-sent' });
    expect(smtp.messages).toHaveLength(1);
    await notify.close();
    await connection.quit();
  });
});
