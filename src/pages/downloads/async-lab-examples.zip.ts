// "Run it on your machine": the whole of examples/ as one zip, built once at build time.
import type { APIRoute } from 'astro';
import { zipAllExamples } from '../../lib/content/example-zip.ts';

export const prerender = true;

export const GET: APIRoute = () => new Response(zipAllExamples(), { headers: { 'Content-Type': 'application/zip' } });
