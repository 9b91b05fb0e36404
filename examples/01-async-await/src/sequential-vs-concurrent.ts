// Three 1-second jobs: awaited one after another, then started together.
import { breakfastAllAtOnce, breakfastOneByOne } from './breakfast.ts';
import { startStopwatch } from './stopwatch.ts';

let took = startStopwatch();
const oneByOne = await breakfastOneByOne();
console.log(`one by one:  ${oneByOne.join(', ')} — took ${took()}`);

took = startStopwatch();
const allAtOnce = await breakfastAllAtOnce();
console.log(`all at once: ${allAtOnce.join(', ')} — took ${took()}`);
