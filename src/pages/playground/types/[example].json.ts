// One example's own files for the playground editor, so imports between them resolve with their types.
import type { APIRoute, GetStaticPaths } from 'astro';
import { examplePackages } from '../../../lib/content/example-files.ts';
import { collectExampleFiles } from '../../../lib/editor-types/collect-editor-types.ts';

export const prerender = true;

export const getStaticPaths = (() =>
  examplePackages().map((example) => ({ params: { example } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(JSON.stringify(collectExampleFiles(params.example!)), {
    headers: { 'Content-Type': 'application/json' },
  });
