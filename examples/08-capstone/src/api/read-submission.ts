// Reads one analysis request, whichever way it came:
//   JSON       {"email": "…", "text": "one row per line"}           (what a web page's fetch() sends)
//   multipart  fields email + file (.csv with a "text" column, .jsonl, or .txt)   (curl -F, an <input type=file>)
import { extname } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { isEmailAddress } from '../input/email.ts';
import { InputError, unreadableForm, UNSUPPORTED_CONTENT_TYPE } from '../input/input-error.ts';
import { parseRows, type InputFormat } from '../input/parse-rows.ts';

export interface Submission {
  email: string;
  format: InputFormat;
  rows: string[];
}

export async function readSubmission(request: FastifyRequest): Promise<Submission> {
  const { email, format, content } = request.isMultipart() ? await readForm(request) : readJson(request);
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

function readJson(request: FastifyRequest): RawSubmission {
  // Only JSON gets here. Fastify has already refused the types it cannot parse, but it does parse text/plain,
  // and a request without a body arrives with no Content-Type at all.
  if (request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
    throw new InputError(415, UNSUPPORTED_CONTENT_TYPE);
  }
  const { email, text } = (request.body ?? {}) as { email?: unknown; text?: unknown };
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
  try {
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
  } catch (error) {
    // Limits and our own checks carry a status; the form parser's complaints about a broken body do not.
    if ((error as { statusCode?: number }).statusCode) throw error;
    throw new InputError(400, unreadableForm((error as Error).message));
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
