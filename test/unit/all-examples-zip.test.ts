// The whole-examples download of the "Run it on your machine" page: the examples/ workspace as a reader copies it.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { examplePackages } from '../../src/lib/content/example-files.ts';
import { allExamplesFolder, zipAllExamples } from '../../src/lib/content/example-zip.ts';

describe('the whole-examples zip', () => {
  const zip = zipAllExamples();
  const names = Object.keys(unzipSync(zip));

  it('holds the workspace root and every package under one folder, without installed or generated files', () => {
    expect(names.every((name) => name.startsWith(`${allExamplesFolder}/`))).toBe(true);
    expect(names).toEqual(
      expect.arrayContaining([`${allExamplesFolder}/package.json`, `${allExamplesFolder}/README.md`]),
    );
    for (const example of examplePackages()) {
      expect(names, example).toContain(`${allExamplesFolder}/${example}/package.json`);
    }
    expect(names.filter((name) => /node_modules|\/\.cache\/|\/outbox\//.test(name))).toEqual([]);
  });

  it('is the same bytes every time', () => {
    expect(zipAllExamples()).toEqual(zip);
  });
});
