import { describe, expect, it } from 'vitest';
import { typeScriptSupport } from '../../../src/lib/runtime/node-typescript.ts';

describe('how a Node runs the examples’ .ts files', () => {
  it.each([
    ['v24.21.0', 'native'],
    ['v23.6.0', 'native'],
    ['v22.22.0', 'native'],
    ['v22.18.0', 'native'],
    ['v22.17.1', 'flag'],
    ['v22.6.0', 'flag'],
    ['v23.5.0', 'flag'],
    ['v22.5.1', 'loader'],
    ['v20.19.1', 'loader'],
    ['v20.6.0', 'loader'],
    ['v20.5.1', 'unsupported'],
    ['v18.20.3', 'unsupported'],
    ['garbage', 'unsupported'],
  ])('%s: %s', (version, kind) => {
    expect(typeScriptSupport(version).kind).toBe(kind);
  });
});
