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

      // TODO: the client waits for both of these before it gets an answer, and if the e-mail
      //       fails, the sign-up is never recorded and the client gets a 500.
      //       Add them as background tasks instead (request.backgroundTasks.addTask):
      //       the welcome e-mail first, then the record.
      await work.sendWelcomeEmail(email);
      await work.recordSignup(email);

      return reply.code(202).send({ msg: 'welcome! check your inbox' });
    },
  );
}
