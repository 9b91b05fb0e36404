// Types are erased by Node itself (type stripping): no build step, no native transpiler.
export interface Learner {
  name: string;
  locale: 'zh' | 'en';
}

export function greet(learner: Learner): string {
  return learner.locale === 'zh' ? `你好，${learner.name}！` : `Hello, ${learner.name}!`;
}
