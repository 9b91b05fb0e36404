// Turns what the user sent (plain text, CSV or JSONL) into the list of texts the model will score.
import { parse as parseCsv } from 'csv-parse/sync';
import { InputError } from './input-error.ts';
import { MAX_ROW_CHARS, MAX_ROWS } from './limits.ts';

export type InputFormat = 'text' | 'csv' | 'jsonl';

export function parseRows(format: InputFormat, content: string): string[] {
  const rows =
    format === 'csv' ? rowsFromCsv(content) : format === 'jsonl' ? rowsFromJsonl(content) : rowsFromText(content);
  return checkRows(rows);
}

/** One row per non-empty line. */
function rowsFromText(content: string): string[] {
  return content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** A header row with a `text` column; other columns are ignored. */
function rowsFromCsv(content: string): string[] {
  let records: Record<string, string>[];
  try {
    records = parseCsv(content, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new InputError(400, `The CSV file could not be read: ${(error as Error).message}`);
  }
  const first = records[0];
  if (first && !('text' in first)) {
    throw new InputError(400, `The CSV needs a "text" column; its header has: ${Object.keys(first).join(', ')}.`);
  }
  return records.map((record) => record.text ?? '').filter((text) => text !== '');
}

/** One JSON object per line, each with a string `text`. */
function rowsFromJsonl(content: string): string[] {
  const rows: string[] = [];
  const lines = content.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InputError(400, `JSONL line ${index + 1} is not valid JSON. Each line must be like {"text": "…"}.`);
    }
    const text = (value as { text?: unknown } | null)?.text;
    if (typeof text !== 'string') {
      throw new InputError(
        400,
        `JSONL line ${index + 1} has no string "text" field. Each line must be like {"text": "…"}.`,
      );
    }
    if (text.trim() !== '') rows.push(text.trim());
  });
  return rows;
}

function checkRows(rows: string[]): string[] {
  if (rows.length === 0) throw new InputError(400, 'There is nothing to analyse: send at least one non-empty row.');
  if (rows.length > MAX_ROWS) {
    throw new InputError(
      413,
      `Too many rows: ${rows.length}, the limit is ${MAX_ROWS}. Split the data into several analyses.`,
    );
  }
  const long = rows.findIndex((row) => row.length > MAX_ROW_CHARS);
  if (long !== -1) {
    throw new InputError(413, `Row ${long + 1} has ${rows[long]?.length} characters, the limit is ${MAX_ROW_CHARS}.`);
  }
  return rows;
}
