// Module hooks for a Node older than 22.6: such a Node refuses ".ts" files, so this hook hands it the
// file with its types removed by amaro, the same type stripper Node itself uses from 22.6 on, in the same
// mode (strip-only: no transpiling, so line and column numbers in errors stay those of the source).
// Every example package is "type": "module", so a .ts file is always an ES module here.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const { transformSync } = createRequire(import.meta.url)('amaro');

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !/\.m?ts$/.test(new URL(url).pathname)) return nextLoad(url, context);
  const filename = fileURLToPath(url);
  const source = await readFile(filename, 'utf8');
  try {
    return {
      format: 'module',
      source: transformSync(source, { mode: 'strip-only', filename }).code,
      shortCircuit: true,
    };
  } catch (error) {
    throw readable(error, filename);
  }
}

// amaro's errors carry the place and a snippet in fields; put them where a reader looks: the message.
function readable(error, filename) {
  if (error?.code === undefined || error.startLine === undefined) return error;
  const where = `${filename}:${error.startLine}`;
  const problem = new SyntaxError(`${error.message} (${where})\n${error.snippet ?? ''}`.trimEnd());
  problem.stack = `${where}\n${error.snippet ?? ''}\n\n${problem.name}: ${error.message}`;
  return problem;
}
