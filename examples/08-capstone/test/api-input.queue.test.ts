// Bad input gets a clear answer (400/413/415) and nothing is queued; good input in any format gets 202.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCapstone, type Capstone } from '../src/capstone.ts';
import { MAX_ROWS, MAX_UPLOAD_BYTES } from '../src/input/limits.ts';

let capstone: Capstone;

beforeAll(async () => {
  // Only the API: these tests are about what gets accepted, not about the jobs.
  capstone = await startCapstone({ workers: false, settings: { prefix: `capstone-test-${randomUUID()}` } });
});
afterAll(() => capstone.close());

function postJson(payload: unknown) {
  return capstone.app.inject({ method: 'POST', url: '/analyses', payload: payload as object });
}

function upload(filename: string, type: string, content: string, email = 'ada@example.com') {
  const form = new FormData();
  form.set('email', email);
  form.set('file', new Blob([content], { type }), filename);
  return capstone.app.inject({ method: 'POST', url: '/analyses', payload: form });
}

/** One part of a multipart body with the boundary XX (a file part when `filename` is given). */
function formPart(name: string, value: string, filename?: string): string {
  const file = filename ? `; filename="${filename}"\r\nContent-Type: text/plain` : '';
  return `--XX\r\nContent-Disposition: form-data; name="${name}"${file}\r\n\r\n${value}\r\n`;
}

describe('POST /analyses rejects', () => {
  it.each([
    ['a missing e-mail', { text: 'hello' }, '"email" must be an e-mail address like ada@example.com; got null.'],
    [
      'a malformed e-mail',
      { email: 'ada(at)example', text: 'hi' },
      '"email" must be an e-mail address like ada@example.com; got "ada(at)example".',
    ],
    [
      'a body without text',
      { email: 'ada@example.com' },
      'Send {"email": "…", "text": "…"} as JSON, or upload a file as multipart form field "file".',
    ],
    [
      'text with no rows',
      { email: 'ada@example.com', text: ' \n \n' },
      'There is nothing to analyse: send at least one non-empty row.',
    ],
  ])('%s with 400 and says why', async (_case, payload, message) => {
    const response = await postJson(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'Bad Request', message });
  });

  it('a body larger than the limit with 413', async () => {
    const response = await postJson({ email: 'ada@example.com', text: 'a'.repeat(MAX_UPLOAD_BYTES) });
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toBe(
      'The request is larger than 64 KiB. Send less data, or split it into several analyses.',
    );
  });

  it('too many rows with 413', async () => {
    const response = await postJson({ email: 'ada@example.com', text: 'ok\n'.repeat(MAX_ROWS + 1) });
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toBe(
      `Too many rows: ${MAX_ROWS + 1}, the limit is ${MAX_ROWS}. Split the data into several analyses.`,
    );
  });

  it('an uploaded file larger than the limit with 413', async () => {
    const response = await upload('big.txt', 'text/plain', 'x'.repeat(MAX_UPLOAD_BYTES + 1));
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toBe(
      'The uploaded file is larger than 64 KiB. Upload a smaller file, or split it into several analyses.',
    );
  });

  it('a file type it cannot read with 415', async () => {
    const response = await upload('report.pdf', 'application/pdf', '%PDF-1.7');
    expect(response.statusCode).toBe(415);
    expect(response.json().message).toBe(
      'Cannot analyse "report.pdf" (application/pdf). Upload a .csv (with a "text" column), .jsonl or .txt file.',
    );
  });

  it('a body that is neither JSON nor a form with 415', async () => {
    const response = await capstone.app.inject({
      method: 'POST',
      url: '/analyses',
      headers: { 'content-type': 'text/xml' },
      payload: '<a/>',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().message).toMatch(/^Unsupported Content-Type\. Send JSON/);
  });

  it.each([
    ['text/plain', { 'content-type': 'text/plain' }, 'hello'],
    ['no Content-Type and no body', {}, undefined],
  ])('a %s request with 415, like any type that is neither JSON nor a form', async (_case, headers, payload) => {
    const response = await capstone.app.inject({ method: 'POST', url: '/analyses', headers, payload });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toEqual({
      error: 'Unsupported Media Type',
      message:
        'Unsupported Content-Type. Send JSON {"email", "text"} or a multipart form with fields "email" and "file".',
    });
  });

  it.each([
    ['without a boundary', 'multipart/form-data', 'email=ada@example.com', 'Multipart: Boundary not found'],
    [
      'cut off inside a part',
      'multipart/form-data; boundary=XX',
      formPart('email', 'ada@example.com') +
        '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhel',
      'Unexpected end of',
    ],
  ])('a multipart body %s with 400 and says how to send a form', async (_case, type, payload, reason) => {
    const response = await capstone.app.inject({
      method: 'POST',
      url: '/analyses',
      headers: { 'content-type': type },
      payload,
    });
    expect(response.statusCode).toBe(400);
    const { error, message } = response.json();
    expect(error).toBe('Bad Request');
    expect(message).toMatch(/^The multipart form could not be read \(.+\)\. Send it as multipart\/form-data/);
    expect(message).toContain(reason);
  });

  it.each([
    ['two files', formPart('file', 'a', 'a.txt') + formPart('file', 'b', 'b.txt'), 413, 'more than one file'],
    ['many fields', [1, 2, 3, 4, 5].map((n) => formPart(`f${n}`, 'x')).join(''), 413, 'too many fields'],
    ['a field named __proto__', formPart('__proto__', 'x'), 400, 'named "__proto__"'],
  ])("a form with %s with %i and a message, not the parser's words", async (_case, parts, status, words) => {
    const response = await capstone.app.inject({
      method: 'POST',
      url: '/analyses',
      headers: { 'content-type': 'multipart/form-data; boundary=XX' },
      payload: `${parts}--XX--\r\n`,
    });
    expect(response.statusCode).toBe(status);
    expect(Object.keys(response.json())).toEqual(['error', 'message']);
    expect(response.json().message).toContain(words);
  });

  it.each(['x<evil@x.yz>', 'victim@b.co,attacker', 'Ada <ada@example.com>', '"ada"@example.com', 'a@b.co;c@d.co'])(
    'the recipient %j: one plain address only, so the mail cannot go elsewhere than what was typed',
    async (email) => {
      for (const response of [
        await postJson({ email, text: 'hi' }),
        await upload('a.txt', 'text/plain', 'hi', email),
      ]) {
        expect(response.statusCode).toBe(400);
        expect(response.json().message).toBe(
          `"email" must be an e-mail address like ada@example.com; got ${JSON.stringify(email)}.`,
        );
      }
    },
  );

  it('a CSV without a "text" column, naming the columns it has', async () => {
    const response = await upload('reviews.csv', 'text/csv', 'id,review\n1,great\n');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe('The CSV needs a "text" column; its header has: id, review.');
  });

  it('a JSONL line that is not JSON, naming the line', async () => {
    const response = await upload('reviews.jsonl', 'application/jsonl', '{"text":"fine"}\n{oops}\n');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe('JSONL line 2 is not valid JSON. Each line must be like {"text": "…"}.');
  });

  it('a form with an invalid e-mail', async () => {
    const response = await upload('reviews.txt', 'text/plain', 'great', 'nobody');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/^"email" must be an e-mail address/);
  });
});

describe('POST /analyses accepts', () => {
  it.each([
    ['plain text as JSON', () => postJson({ email: 'ada@example.com', text: 'good\n\nbad\n' }), 2],
    ['a .txt upload', () => upload('notes.txt', 'text/plain', 'one\ntwo\nthree'), 3],
    ['a .csv upload', () => upload('r.csv', 'text/csv', 'text,stars\n"Great, really",5\nMeh,2\n'), 2],
    [
      'a .jsonl upload',
      () => upload('r.jsonl', 'application/octet-stream', '{"text":"great"}\n\n{"text":"bad","stars":1}\n'),
      2,
    ],
  ])('%s with 202, an id and the row count', async (_case, send, rows) => {
    const response = await send();
    expect(response.statusCode).toBe(202);
    const body = response.json();
    expect(body).toMatchObject({ status: 'queued', rows });
    const view = await capstone.app.inject({ method: 'GET', url: `/analyses/${body.id}` });
    expect(view.json()).toMatchObject({
      id: body.id,
      status: 'queued',
      progress: { done: 0, total: rows },
      notification: 'pending',
    });
  });
});

describe('POST /analyses with a "__proto__" key in its JSON', () => {
  it('drops the key like any unknown field and queues the rest, touching no prototype', async () => {
    const response = await capstone.app.inject({
      method: 'POST',
      url: '/analyses',
      headers: { 'content-type': 'application/json' },
      payload:
        '{"email":"ada@example.com","text":"fine","__proto__":{"polluted":1},"constructor":{"prototype":{"p":1}}}',
    });
    expect(response.statusCode).toBe(202);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });
});

describe('GET /analyses/:id', () => {
  it('answers 404 with a hint for an unknown id', async () => {
    for (const url of ['/analyses/nope', '/analyses/nope/events']) {
      const response = await capstone.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.json().message).toBe('No analysis with id "nope". Use the id that POST /analyses returned.');
    }
  });
});
