import { greet, type Learner } from './greet.ts';

const learners: Learner[] = [
  { name: '小明', locale: 'zh' },
  { name: 'Ada', locale: 'en' },
];

for (const learner of learners) console.log(greet(learner));
console.log(`Node ${process.version} ran this .ts file directly.`);
