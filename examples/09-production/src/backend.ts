// Which Redis the demos run on decides what they can show: processes can only share a real one.
export const realRedis = Boolean(process.env.REDIS_URL?.trim());

export function describeBackend(): string {
  return realRedis ? 'real Redis at REDIS_URL' : 'in-memory Redis (inside this one process)';
}
