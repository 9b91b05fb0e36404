// `npm start`: runs your service (exercise/starter/service.ts) on port 3000, so you can try it with curl while
// you build it. `npm run check` holds it to the contract in exercise/README.md.
import { createConnection } from '@async-lab/memory-redis';
import { createService } from '../exercise/starter/service.ts';

const connection = createConnection();
const service = await createService({ connection });
const address = await service.app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3000) });
console.log(`listening on ${address}`);
console.log(`try: curl -X POST ${address}/stats -H 'content-type: application/json' -d '{"numbers":[1,2,3]}'`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await service.close();
    await connection.quit();
  });
}
