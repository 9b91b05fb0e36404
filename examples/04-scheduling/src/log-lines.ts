// Prints Fastify's JSON log lines as short readable lines for the demos ("[log error] …").
export const readableLogStream = {
  write(line: string) {
    const { level, msg } = JSON.parse(line) as { level: number; msg: string };
    const name = level >= 50 ? 'error' : level >= 40 ? 'warn' : 'info';
    console.log(`[log ${name}] ${msg}`);
  },
};
