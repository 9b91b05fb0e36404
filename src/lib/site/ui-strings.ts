// Keys of the site's own interface strings (beyond Starlight's). Translations live in src/content/i18n/*.json,
// one file per language; every key here must have a sentence in each (the build fails otherwise).
// Add a key here when a component calls Astro.locals.t('new.key'); `astro check` rejects unknown keys.
import { z } from 'astro/zod';
import { noticeKey, RUNTIME_NOTICES, type RuntimeCode } from '../runtime/runtime-notices.ts';

const siteKeys = [
  'lessons.heading',
  'recording.label',
  'recording.exit',
  'recording.killed',
  'predict.reveal',
  'selfCheck.check',
  'selfCheck.correct',
  'selfCheck.wrong',
  'selfCheck.choose',
  'selfCheck.reveal',
  'selfCheck.answer',
] as const;
const runtimeKeys = (Object.keys(RUNTIME_NOTICES) as RuntimeCode[]).map(noticeKey);
/** The runtime self-test page (src/components/SelfTest.astro). */
const selfTestKeys = [
  'selftest.run',
  'selftest.run-again',
  'selftest.copy',
  'selftest.copied',
  'selftest.copy-failed',
  'selftest.not-started',
  'selftest.booting',
  'selftest.progress',
  'selftest.summary-done',
  'selftest.unavailable',
  'selftest.env-runner',
  'selftest.env-isolated',
  'selftest.env-boot',
  'selftest.env-download',
  'selftest.env-mount',
  'selftest.env-node',
  'selftest.env-browser',
  'selftest.runner-webcontainer',
  'selftest.runner-local',
  'selftest.yes',
  'selftest.no',
  'selftest.table-caption',
  'selftest.col-step',
  'selftest.col-result',
  'selftest.col-first-output',
  'selftest.col-time',
  'selftest.col-details',
  'selftest.stop-time',
  'selftest.pending',
  'selftest.running',
  'selftest.pass',
  'selftest.fail',
  'selftest.skipped',
  'selftest.report',
  'selftest.report-empty',
  'selftest.report-title',
  'selftest.step.node-version',
  'selftest.step.hello',
  'selftest.step.bullmq',
  'selftest.step.fastify',
  'selftest.step.check',
  'selftest.step.sigterm',
  'selftest.step.stop',
  'selftest.step.utf8',
  'selftest.problem.exit',
  'selftest.problem.missing',
  'selftest.problem.not-stopped',
  'selftest.problem.replacement',
  'selftest.problem.checks',
  'selftest.problem.no-trace',
] as const;

export const uiKeys: readonly string[] = [...siteKeys, ...selfTestKeys, ...runtimeKeys];

export const uiStrings = z.object(
  Object.fromEntries(uiKeys.map((key) => [key, z.string()])) as {
    [K in (typeof siteKeys)[number] | (typeof selfTestKeys)[number] | ReturnType<typeof noticeKey>]: z.ZodString;
  },
);
