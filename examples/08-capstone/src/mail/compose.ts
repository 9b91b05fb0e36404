// The two e-mails an analysis can end with: its result, or a notice that it failed.
import type { AnalysisResult } from '../jobs/analysis.ts';
import { describeSummary } from '../jobs/summarise.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Deterministic, so a re-sent copy is recognisably the same message (and the same outbox file). */
  messageId: string;
}

const SHOWN_ROWS = 20;

export function resultMail(analysisId: string, to: string, result: AnalysisResult): Mail {
  const { summary } = result;
  const rows = result.rows
    .slice(0, SHOWN_ROWS)
    .map((row) => `  ${row.label.padEnd(8)} ${String(row.score).padStart(3)}  ${row.text}`);
  const more =
    result.rows.length > SHOWN_ROWS
      ? [`  … and ${result.rows.length - SHOWN_ROWS} more rows: GET /analyses/${analysisId}`]
      : [];
  return {
    to,
    subject: `Your analysis ${analysisId} is ready: ${describeSummary(summary)}`,
    messageId: messageIdFor(analysisId, 'result'),
    text: [
      `Your analysis ${analysisId} is done.`,
      '',
      `Summary: ${summary.total} rows - ${describeSummary(summary)}.`,
      `Average score: ${summary.averageScore}`,
      ...(summary.mostPositive
        ? [`Most positive: "${summary.mostPositive.text}" (${summary.mostPositive.score})`]
        : []),
      ...(summary.mostNegative
        ? [`Most negative: "${summary.mostNegative.text}" (${summary.mostNegative.score})`]
        : []),
      '',
      `Rows (model: ${result.model}):`,
      ...rows,
      ...more,
    ].join('\n'),
  };
}

export function failureMail(analysisId: string, to: string, reason: string): Mail {
  return {
    to,
    subject: `Your analysis ${analysisId} failed`,
    messageId: messageIdFor(analysisId, 'failure'),
    text: [
      `We could not finish your analysis ${analysisId}.`,
      '',
      `What went wrong: ${reason}`,
      '',
      'Your data was kept. Send it again once the problem is fixed, or reply to this e-mail.',
    ].join('\n'),
  };
}

export function messageIdFor(analysisId: string, kind: 'result' | 'failure'): string {
  return `<${analysisId}.${kind}@async-lab.localhost>`;
}
