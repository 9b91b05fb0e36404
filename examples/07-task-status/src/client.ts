// `npm run client -- 2 3`: submits add(2, 3) to a running server (`npm start`) and follows it to the end.
import { submitAndFollow } from './follow-task.ts';

const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:3000';
const [x = 2, y = 3] = process.argv.slice(2).map(Number);

try {
  const outcome = await submitAndFollow(apiUrl, { x, y });
  process.exitCode = outcome.status === 'completed' ? 0 : 1;
} catch (error) {
  const reason = error instanceof TypeError ? `cannot reach ${apiUrl} (is \`npm start\` running?)` : String(error);
  console.error(`client: ${reason}`);
  process.exitCode = 1;
}
