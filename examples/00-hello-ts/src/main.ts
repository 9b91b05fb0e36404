import { greet, type Learner } from './greet.ts';

const learners: Learner[] = [
  { name: '小明', locale: 'zh' },
  { name: 'Ada', locale: 'en' },
];

// #region greet-all
for (const learner of learners) console.log(greet(learner));
// #endregion
console.log(`Node ${process.version} ran this .ts file directly.`);
