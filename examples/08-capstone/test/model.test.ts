// The model interface: the lexicon model that ships with the package, and the remote HTTP one.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAfinnModel } from '../src/model/afinn-model.ts';
import { createHttpModel } from '../src/model/http-model.ts';
import { modelFromEnv } from '../src/model/model-from-env.ts';

describe('the AFINN lexicon model', () => {
  it('scores each text with the AFINN-165 word list', async () => {
    const results = await createAfinnModel().classify(['I love it', 'This is awful', 'The box is blue']);
    expect(results).toEqual([
      { text: 'I love it', score: 3, label: 'positive' },
      { text: 'This is awful', score: -3, label: 'negative' },
      { text: 'The box is blue', score: 0, label: 'neutral' },
    ]);
  });
  it('flips a word after a negation ("not good" is negative)', async () => {
    const results = await createAfinnModel().classify(['This is not good', 'I do not hate it']);
    expect(results.map((r) => [r.label, r.score])).toEqual([
      ['negative', -3],
      ['positive', 3],
    ]);
  });
});

describe('the HTTP model', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serve(handler: RequestListener): Promise<string> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/score`;
  }

  it('sends the batch and maps the scores it gets back', async () => {
    let received: unknown;
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk));
      req.on('end', () => {
        received = JSON.parse(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ scores: [0.9, -0.4] }));
      });
    });
    const results = await createHttpModel(url).classify(['yay', 'nay']);
    expect(received).toEqual({ texts: ['yay', 'nay'] });
    expect(results).toEqual([
      { text: 'yay', score: 0.9, label: 'positive' },
      { text: 'nay', score: -0.4, label: 'negative' },
    ]);
  });

  it('says so when the endpoint answers with an error', async () => {
    const url = await serve((_req, res) => res.writeHead(500).end());
    await expect(createHttpModel(url).classify(['x'])).rejects.toThrow(
      `The model at ${url} answered HTTP 500; the job will retry.`,
    );
  });

  it('says so when the answer does not follow the contract', async () => {
    const url = await serve((_req, res) => res.writeHead(200).end(JSON.stringify({ scores: [1, 2] })));
    await expect(createHttpModel(url).classify(['only one'])).rejects.toThrow(
      'must answer {"scores": [number, …]} with one score per text',
    );
  });

  it('says so when nothing listens at the address', async () => {
    const url = await serve(() => {});
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    await expect(createHttpModel(url).classify(['x'])).rejects.toThrow(
      `Could not reach the model at ${url} (ECONNREFUSED)`,
    );
  });

  it('is chosen when MODEL_URL is set', () => {
    expect(modelFromEnv({ MODEL_URL: 'http://127.0.0.1:1/score' }).name).toBe('http model at http://127.0.0.1:1/score');
    expect(modelFromEnv({}).name).toBe('afinn-165 (sentiment@5)');
  });
});
