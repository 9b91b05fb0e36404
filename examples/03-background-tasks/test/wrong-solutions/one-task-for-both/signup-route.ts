// Wrong on purpose (test/exercise.test.ts): one background task for both steps, so a failed e-mail
// means the sign-up is never recorded.
import type { FastifyInstance } from 'fastify';

export interface SignupWork {
  /** Slow: talks to the mail server (a second or more). */
  sendWelcomeEmail(email: string): Promise<void>;
  /** Writes the sign-up to the audit log. */
  recordSignup(email: string): Promise<void>;
}

export function signupRoute(app: FastifyInstance, work: SignupWork) {
  app.post(
    '/signup',
    {
      schema: {
        body: { type: 'object', required: ['email'], properties: { email: { type: 'string', format: 'email' } } },
      },
    },
    async (request, reply) => {
      const { email } = request.body as { email: string };
      request.backgroundTasks.addTask(async (address: string) => {
        await work.sendWelcomeEmail(address);
        await work.recordSignup(address);
      }, email);
      return reply.code(202).send({ msg: 'welcome! check your inbox' });
    },
  );
}
