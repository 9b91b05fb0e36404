// "Download" in the playground: the example package as a zip, built once at build time (no JS on the page).
import type { APIRoute, GetStaticPaths } from 'astro';
import { examplePackages } from '../../../lib/content/example-files.ts';
import { zipExample } from '../../../lib/content/example-zip.ts';

export const prerender = true;

export const getStaticPaths = (() =>
  examplePackages().map((example) => ({ params: { example } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(zipExample(params.example!), { headers: { 'Content-Type': 'application/zip' } });
