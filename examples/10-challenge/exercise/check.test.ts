// Holds exercise/<EXERCISE_DIR>/service.ts (starter by default) to the contract in exercise/README.md, with real
// BullMQ on the in-memory Redis (or REDIS_URL). Run: npm run check
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { say } from '@async-lab/course-tools/say';
import { createConnection } from '@async-lab/memory-redis';
import { EventSource } from 'eventsource';
import type { StatsService } from './solution/service.ts';

const { createService } = (await import(
  `./${process.env.EXERCISE_DIR ?? 'starter'}/service.ts`
)) as typeof import('./solution/service.ts');

const connection = createConnection();
let service: StatsService;
let address = '';
before(async () => {
  service = await createService({ connection });
  address = await service.app.listen({ host: '127.0.0.1', port: 0 });
});
after(async () => {
  await service?.close();
  await connection.quit();
});

const post = (payload: unknown, headers: Record<string, string> = {}) =>
  service.app.inject({ method: 'POST', url: '/stats', payload: payload as object, headers });

async function submit(numbers: number[], headers: Record<string, string> = {}): Promise<string> {
  const response = await post({ numbers }, headers);
  assert.equal(response.statusCode, 202, say('status code of POST /stats', 'POST /stats 的状态码'));
  return String(response.json().id);
}

/** GET /stats/:id until the job has ended (or 5 s have passed); the last answer. */
async function ended(id: string) {
  let body: { status?: string; result?: unknown; failedReason?: string; progress?: unknown } = {};
  for (let waited = 0; waited < 5000; waited += 50) {
    const response = await service.app.inject({ method: 'GET', url: `/stats/${id}` });
    body = response.json();
    if (body.status === 'completed' || body.status === 'failed') break;
    await sleep(50);
  }
  return body;
}

describe('the statistics service', () => {
  it(
    say('POST /stats queues the numbers and answers 202 with an id', 'POST /stats 把数字排进队列，返回 202 和 id'),
    async () => {
      const response = await post({ numbers: [1, 2, 3] });
      assert.equal(
        response.statusCode,
        202,
        say('status code (202: queued, not done)', '状态码（202：已排队，尚未完成）'),
      );
      assert.ok(
        response.json().id,
        say(`an id in the answer, got ${response.body}`, `应答里要有 id，实际是 ${response.body}`),
      );
    },
  );

  it(
    say(
      'answers 400 with a message to a body without numbers, an empty list, or things that are not numbers',
      '对没有 numbers、空列表或不是数字的请求体返回 400 和说明',
    ),
    async () => {
      for (const payload of [{}, { numbers: [] }, { numbers: ['one', 'two'] }]) {
        const response = await post(payload);
        assert.equal(
          response.statusCode,
          400,
          say(`status code for ${JSON.stringify(payload)}`, `${JSON.stringify(payload)} 的状态码`),
        );
        assert.ok(response.json().message, say('a message saying what is wrong', '说明哪里不对的信息'));
      }
    },
  );

  it(
    say(
      'works in the background: GET /stats/:id ends "completed" with count, sum and mean',
      '在后台计算：GET /stats/:id 最后是 completed，带 count、sum 和 mean',
    ),
    async () => {
      const body = await ended(await submit([1, 2, 3, 4]));
      assert.equal(
        body.status,
        'completed',
        say(`status (failed because: ${body.failedReason})`, `状态（失败原因：${body.failedReason}）`),
      );
      // "completed" with no result is the race of reading the job before its state (lesson 7): say so.
      const raced = body.result === null || body.result === undefined;
      assert.deepEqual(
        body.result,
        { count: 4, sum: 10, mean: 2.5 },
        raced
          ? say(
              'result (none, though the status says completed: read the state first, then the job, as in lesson 7)',
              '结果（状态是 completed 却没有结果：先读状态再读任务，见第 7 课）',
            )
          : say('result', '结果'),
      );
    },
  );

  it(
    say(
      'answers GET /stats/:id with the job, and 404 naming an unknown id',
      'GET /stats/:id 返回任务；未知 id 返回 404 并写出这个 id',
    ),
    async () => {
      const known = await service.app.inject({ method: 'GET', url: `/stats/${await submit([7])}` });
      assert.equal(known.statusCode, 200, say('status code for a job that exists', '已有任务的状态码'));
      assert.ok(
        known.json().status,
        say(`a status in the answer, got ${known.body}`, `应答里要有 status，实际是 ${known.body}`),
      );
      const response = await service.app.inject({ method: 'GET', url: '/stats/no-such-job' });
      assert.equal(response.statusCode, 404, say('status code for an unknown id', '未知 id 的状态码'));
      assert.match(
        String(response.json().message),
        /no-such-job/,
        say('the message names the id', '信息里要有这个 id'),
      );
    },
  );

  it(
    say('streams progress and the result as named Server-Sent Events', '用有名字的 Server-Sent Events 推送进度和结果'),
    async () => {
      const id = await submit(Array.from({ length: 1000 }, (_, i) => i));
      const source = new EventSource(`${address}/stats/${id}/events`);
      const progress: unknown[] = [];
      const result = await Promise.race([
        new Promise<unknown>((resolve) => {
          source.addEventListener('progress', (event) => progress.push(JSON.parse(event.data).progress));
          source.addEventListener('completed', (event) => resolve(JSON.parse(event.data).result));
        }),
        sleep(5000, 'no "completed" event within 5 s'),
      ]);
      source.close();
      assert.deepEqual(
        result,
        { count: 1000, sum: 499500, mean: 499.5 },
        say('the data of the completed event', 'completed 事件的数据'),
      );
      assert.equal(
        progress.at(-1),
        100,
        say(
          `the last progress event (got ${JSON.stringify(progress)})`,
          `最后一个进度事件（收到 ${JSON.stringify(progress)}）`,
        ),
      );
    },
  );

  it(
    say('fails a job whose sum is too large to be exact, and says why', '和太大、无法精确表示时任务失败，并说明原因'),
    async () => {
      const body = await ended(await submit([2 ** 53, 2 ** 53]));
      assert.equal(body.status, 'failed', say('status for [2^53, 2^53]', '[2^53, 2^53] 的状态'));
      assert.match(String(body.failedReason), /too large/, say('the reason', '原因'));
    },
  );

  it(
    say(
      'gives the same id for the same Idempotency-Key, and queues the work once',
      '同一个 Idempotency-Key 得到同一个 id，工作只排队一次',
    ),
    async () => {
      const first = await submit([5, 6], { 'idempotency-key': 'order-7-stats' });
      const again = await submit([5, 6], { 'idempotency-key': 'order-7-stats' });
      const other = await submit([5, 6], { 'idempotency-key': 'order-8-stats' });
      assert.equal(again, first, say('id of the repeated submission', '重复提交得到的 id'));
      assert.notEqual(other, first, say('id for another key', '另一个 key 得到的 id'));
    },
  );
});
