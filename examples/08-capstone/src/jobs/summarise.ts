// The few numbers a person reads first: how many rows leaned which way, and the extremes.
import type { RowResult } from '../model/model.ts';

export interface Summary {
  total: number;
  positive: number;
  negative: number;
  neutral: number;
  /** Mean score, rounded to two decimals. */
  averageScore: number;
  mostPositive?: RowResult;
  mostNegative?: RowResult;
}

export function summarise(rows: RowResult[]): Summary {
  const count = (label: RowResult['label']) => rows.filter((row) => row.label === label).length;
  const byScore = [...rows].sort((a, b) => b.score - a.score);
  const first = byScore[0];
  const last = byScore.at(-1);
  const average = rows.reduce((sum, row) => sum + row.score, 0) / Math.max(rows.length, 1);
  return {
    total: rows.length,
    positive: count('positive'),
    negative: count('negative'),
    neutral: count('neutral'),
    averageScore: Math.round(average * 100) / 100,
    mostPositive: first && first.score > 0 ? first : undefined,
    mostNegative: last && last.score < 0 ? last : undefined,
  };
}

export function describeSummary(summary: Summary): string {
  return `${summary.positive} positive, ${summary.negative} negative, ${summary.neutral} neutral`;
}
