// Finds the example components a lesson uses (<ExampleCode>, <RecordedOutput>, <Playground>) and their props,
// straight from the MDX source, for tests that check every reference resolves.

export interface ComponentUse {
  component: 'ExampleCode' | 'RecordedOutput' | 'Playground';
  props: Record<string, string | string[] | boolean>;
  /** The tag as written, for messages. */
  source: string;
}

const tag = /<(ExampleCode|RecordedOutput|Playground)\b((?:[^>"{]|"[^"]*"|\{[^}]*\})*)\/?>/g;
const attribute = /([A-Za-z]+)(?:=(?:"([^"]*)"|\{([^}]*)\}))?/g;

export function componentUses(mdx: string): ComponentUse[] {
  return [...mdx.matchAll(tag)].map((match) => {
    const props: ComponentUse['props'] = {};
    for (const [, name, text, expression] of match[2]!.matchAll(attribute)) {
      if (text !== undefined) props[name!] = text;
      else if (expression !== undefined) props[name!] = parseExpression(expression);
      else props[name!] = true;
    }
    return { component: match[1] as ComponentUse['component'], props, source: match[0] };
  });
}

function parseExpression(expression: string): string | string[] | boolean {
  const trimmed = expression.trim();
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (trimmed.startsWith('[')) return [...trimmed.matchAll(/["']([^"']+)["']/g)].map((m) => m[1]!);
  return trimmed.replace(/^["'`]|["'`]$/g, '');
}
