// POST /send-email answers at once; the e-mail goes out after the response (the seed's 11.3 route).
import type { FastifyInstance } from 'fastify';
import type { Mailer } from '../mailer.ts';

export function sendEmailRoute(app: FastifyInstance, mailer: Mailer) {
  // Named so a failure log says which task failed.
  async function sendWelcomeEmail(email: string) {
    await mailer.send(email, 'Welcome to Async Lab');
  }

  app.post(
    '/send-email',
    {
      schema: {
        body: {
          type: 'object',
          required: ['email'],
          properties: { email: { type: 'string', format: 'email' } },
        },
      },
    },
    async (request, reply) => {
      const { email } = request.body as { email: string };
      request.backgroundTasks.addTask(sendWelcomeEmail, email);
      // 202 Accepted: "we took your request; the work is not done yet".
      return reply.code(202).send({ msg: 'sending e-mail', to: email });
    },
  );
}
