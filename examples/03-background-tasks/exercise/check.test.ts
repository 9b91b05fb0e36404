// Checks exercise/<EXERCISE_DIR>/signup-route.ts. Run with `npm run check` (or `npm run check -- --solution`).
import Fastify from 'fastify';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { say } from '@async-lab/course-tools/say';
import { setTimeout as sleep } from 'node:timers/promises';
import { useBackgroundTasks } from '../src/background-tasks-hook.ts';
import type { SignupWork } from './solution/signup-route.ts';

const { signupRoute } = (await import(
  `./${process.env.EXERCISE_DIR ?? 'starter'}/signup-route.ts`
)) as typeof import('./solution/signup-route.ts');

function buildSignupApp(work: SignupWork) {
  const app = Fastify({ logger: false });
  useBackgroundTasks(app);
  signupRoute(app, work);
  return app;
}

const signUp = (app: ReturnType<typeof buildSignupApp>) =>
  app.inject({ method: 'POST', url: '/signup', payload: { email: 'ada@example.com' } });

// Polls in steps, not against the clock: on a busy machine each step just takes longer.
const waitFor = async (condition: () => boolean) => {
  for (let i = 0; i < 300 && !condition(); i++) await sleep(10);
};

describe('POST /signup', () => {
  it(say('answers 202 while the welcome e-mail is still being sent', '欢迎邮件还在发送时就返回 202'), async () => {
    const mailServerBusy = new Promise<void>(() => {}); // never finishes during this check
    // No timer decides this: a handler that starts the e-mail before its answer goes out would wait for it.
    let answerSent = false;
    let stuck: (reason: string) => void = () => {};
    const waitingForMail = new Promise<string>((resolve) => (stuck = resolve));
    const app = buildSignupApp({
      sendWelcomeEmail: () => {
        if (!answerSent) stuck('no answer: the handler waits for the e-mail');
        return mailServerBusy;
      },
      recordSignup: async () => {},
    });
    app.addHook('onSend', async () => void (answerSent = true));
    const outcome = await Promise.race([signUp(app).then((r) => r.statusCode), waitingForMail]);
    assert.equal(
      outcome,
      202,
      say('what the client got while the mail server was busy', '邮件服务器忙时客户端收到的结果'),
    );
  });

  it(
    say('sends the e-mail, then records the sign-up, both after the response', '先发邮件再记录注册，两者都在响应之后'),
    async () => {
      const events: string[] = [];
      const app = buildSignupApp({
        sendWelcomeEmail: async (email) => {
          await sleep(20);
          events.push(`e-mail to ${email}`);
        },
        recordSignup: async (email) => void events.push(`recorded ${email}`),
      });
      await signUp(app);
      events.push('response');
      await waitFor(() => events.length === 3);
      assert.deepEqual(
        events,
        ['response', 'e-mail to ada@example.com', 'recorded ada@example.com'],
        say('order of events', '事件的顺序'),
      );
    },
  );

  it(
    say(
      'still records the sign-up (and answers 202) when the e-mail fails',
      '邮件发送失败时仍然记录注册（并返回 202）',
    ),
    async () => {
      const recorded: string[] = [];
      const app = buildSignupApp({
        sendWelcomeEmail: async () => {
          throw new Error('mail server down');
        },
        recordSignup: async (email) => void recorded.push(email),
      });
      const response = await signUp(app);
      assert.equal(response.statusCode, 202, say('status code when the e-mail fails', '邮件失败时的状态码'));
      await waitFor(() => recorded.length === 1);
      assert.deepEqual(recorded, ['ada@example.com'], say('sign-ups recorded', '记录下的注册'));
    },
  );
});
