// Loaded with `node --import @async-lab/strip-types/register` (through NODE_OPTIONS, so child processes get it
// too) on a Node that cannot strip TypeScript types itself. Such a Node (20.6–22.5) has module.register() but
// not its successor registerHooks() (22.15+), so the deprecation hint newer type definitions give is moot.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
