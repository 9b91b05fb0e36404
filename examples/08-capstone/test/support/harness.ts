// Starts the capstone the way main.ts does, but with tiny retry delays, its own key prefix (so test
// files can share one real Redis) and mail going to the given SMTP server.
import { randomUUID } from 'node:crypto';
import { startCapstone, type CapstoneOptions } from '../../src/capstone.ts';
import { createSmtpMailer } from '../../src/mail/mailer.ts';

export async function startTestCapstone(smtpUrl: string, options: CapstoneOptions = {}) {
  let counter = 0;
  const capstone = await startCapstone({
    mailer: createSmtpMailer(smtpUrl),
    newId: () => `analysis-${++counter}`,
    ...options,
    settings: {
      prefix: `capstone-test-${randomUUID()}`,
      backoffMs: 20,
      inferenceAttempts: 2,
      mailAttempts: 3,
      ...options.settings,
    },
  });
  const url = await capstone.app.listen({ port: 0, host: '127.0.0.1' });
  return Object.assign(capstone, { url });
}

export interface ServerSentEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Reads a text/event-stream body to its end. */
export async function readEvents(response: Response): Promise<ServerSentEvent[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as Record<string, unknown>;
      return { event, data };
    });
}

export function postText(url: string, email: string, text: string): Promise<Response> {
  return fetch(`${url}/analyses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, text }),
  });
}

// Limits stop a hung wait, they do not measure speed: generous, for a busy machine.
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
