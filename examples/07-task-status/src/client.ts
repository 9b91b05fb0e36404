// `npm run client -- 2 3`: submits add(2, 3) to a running server (`npm start`) and follows it to the end.
import { submitAndFollow } from './follow-task.ts';

const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:3000';
const [x = 2, y = 3] = process.argv.slice(2).map(Number);
if (!Number.isInteger(x) || !Number.isInteger(y)) {
  console.error('usage: npm run client -- <x> <y>   (two integers, e.g. npm run client -- 2 3)');
  process.exit(1);
}

try {
  const outcome = await submitAndFollow(apiUrl, { x, y });
  process.exitCode = outcome.status === 'completed' ? 0 : 1;
} catch (error) {
  // fetch rejects with "fetch failed" when nothing answers at that address.
  const unreachable = error instanceof TypeError && error.message === 'fetch failed';
  const reason = unreachable ? `cannot reach ${apiUrl} (is \`npm start\` running?)` : (error as Error).message;
  console.error(`client: ${reason}`);
  process.exitCode = 1;
}
