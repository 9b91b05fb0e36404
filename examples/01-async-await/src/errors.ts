// A rejected promise becomes an exception at the `await`, so plain try/catch handles async errors.
import { sleep } from './sleep.ts';

async function findUser(id: number): Promise<{ id: number; name: string }> {
  await sleep(50);
  if (id !== 1) throw new Error(`no user with id ${id}`);
  return { id, name: 'Ada' };
}

for (const id of [1, 2]) {
  try {
    const user = await findUser(id);
    console.log(`found user ${user.id}: ${user.name}`);
  } catch (error) {
    console.log(`could not load user ${id}: ${(error as Error).message}`);
  }
}

// Without await the error escapes try/catch: the promise rejects later, after the block has ended.
try {
  findUser(3).catch((error: Error) => console.log(`caught later by .catch(): ${error.message}`));
  console.log('no await: the try block is already over');
} catch {
  console.log('never printed');
}
