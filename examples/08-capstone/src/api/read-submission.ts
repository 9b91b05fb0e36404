// Reads one analysis request, whichever way it came:
//   JSON       {"email": "…", "text": "one row per line"}           (what a web page's fetch() sends)
//   multipart  fields email + file (.csv with a "text" column, .jsonl, or .txt)   (curl -F, an <input type=file>)
import { extname } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { isEmailAddress } from '../input/email.ts';
import { InputError } from '../input/input-error.ts';
import { parseRows, type InputFormat } from '../input/parse-rows.ts';

export interface Submission {
  email: string;
  format: InputFormat;
  rows: string[];
}

export async function readSubmission(request: FastifyRequest): Promise<Submission> {
  const { email, format, content } = request.isMultipart() ? await readForm(request) : readJson(request.body);
  if (!isEmailAddress(email)) {
    throw new InputError(
      400,
      `"email" must be an e-mail address like ada@example.com; got ${JSON.stringify(email ?? null)}.`,
    );
  }
  return { email, format, rows: parseRows(format, content) };
}

interface RawSubmission {
  email: unknown;
  format: InputFormat;
  content: string;
}

function readJson(body: unknown): RawSubmission {
  const { email, text } = (body ?? {}) as { email?: unknown; text?: unknown };
  if (typeof text !== 'string') {
    throw new InputError(
      400,
      'Send {"email": "…", "text": "…"} as JSON, or upload a file as multipart form field "file".',
    );
  }
  return { email, format: 'text', content: text };
}

async function readForm(request: FastifyRequest): Promise<RawSubmission> {
  let email: unknown;
  let file: { format: InputFormat; content: string } | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const format = formatOf(part.filename, part.mimetype);
      // toBuffer() throws a 413 error when the file passes the size limit set in app.ts.
      const content = (await part.toBuffer()).toString('utf8');
      if (part.fieldname === 'file') file = { format, content };
    } else if (part.fieldname === 'email') {
      email = part.value;
    }
  }
  if (!file) throw new InputError(400, 'The form has no "file" field. Upload the data as form field "file".');
  return { email, ...file };
}

const FORMAT_BY_EXTENSION: Record<string, InputFormat> = {
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.txt': 'text',
};
const FORMAT_BY_MIME: Record<string, InputFormat> = {
  'text/csv': 'csv',
  'application/jsonl': 'jsonl',
  'application/x-ndjson': 'jsonl',
  'text/plain': 'text',
};

function formatOf(filename: string, mimetype: string): InputFormat {
  const format = FORMAT_BY_EXTENSION[extname(filename).toLowerCase()] ?? FORMAT_BY_MIME[mimetype];
  if (!format) {
    throw new InputError(
      415,
      `Cannot analyse "${filename}" (${mimetype}). Upload a .csv (with a "text" column), .jsonl or .txt file.`,
    );
  }
  return format;
}
