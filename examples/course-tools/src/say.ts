// The checker speaks the learner's language: English, or Chinese when asked (`--lang zh`, which the course site
// passes on its Chinese pages) or when the terminal's locale is Chinese (LANG=zh_CN.UTF-8). The check files
// name their checks and word their assertions in both: `it(say('adds two numbers', '两个数相加'), …)`. The
// language travels in ASYNC_LAB_LANG, so the process that runs the check file (a child of the checker)
// speaks it too.
export type CheckerLang = 'en' | 'zh';

export function checkerLang(env: NodeJS.ProcessEnv = process.env): CheckerLang {
  const asked = env.ASYNC_LAB_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(asked) ? 'zh' : 'en';
}

/** The sentence in the checker's language. */
export function say(en: string, zh: string): string {
  return checkerLang() === 'zh' ? zh : en;
}
