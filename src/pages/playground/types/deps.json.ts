// The dependency types for the playground editor (see collect-editor-types.ts), a static file fetched only
// once a reader opens an editor.
import type { APIRoute } from 'astro';
import { collectDependencyTypes } from '../../../lib/editor-types/collect-editor-types.ts';

export const prerender = true;

export const GET: APIRoute = () =>
  new Response(JSON.stringify(collectDependencyTypes()), { headers: { 'Content-Type': 'application/json' } });
