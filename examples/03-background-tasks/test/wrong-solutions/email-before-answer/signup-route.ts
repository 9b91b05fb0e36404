// Wrong on purpose (test/exercise.test.ts): only the record is a background task; the client still
// waits for the mail server.
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
      await work.sendWelcomeEmail(email).catch(() => {});
      request.backgroundTasks.addTask(work.recordSignup, email);
      return reply.code(202).send({ msg: 'welcome! check your inbox' });
    },
  );
}
