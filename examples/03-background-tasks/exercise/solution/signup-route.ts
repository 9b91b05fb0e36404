// Exercise: answer the sign-up at once and do the slow work after the response. See exercise/README.md.
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
      request.backgroundTasks.addTask(work.sendWelcomeEmail, email);
      request.backgroundTasks.addTask(work.recordSignup, email);
      return reply.code(202).send({ msg: 'welcome! check your inbox' });
    },
  );
}
