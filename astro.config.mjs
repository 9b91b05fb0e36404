// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { crossOriginIsolation } from './src/lib/site/cross-origin-isolation.mjs';
import localRunner from './src/integrations/local-runner/index.ts';
import { monacoCssOnDemand } from './src/integrations/monaco-css.ts';
import webcontainerSnapshot from './src/integrations/webcontainer-snapshot/index.ts';
import { repositoryUrl } from './src/lib/site/repository.ts';

// PUBLIC_REPOSITORY_URL=https://… at build time names the course's repository (header, "Run it on your machine").
const repository = repositoryUrl(process.env.PUBLIC_REPOSITORY_URL);

export default defineConfig({
  site: 'https://async-lab.example',
  // WebContainers need SharedArrayBuffer, so every response (pages and assets, dev and preview) is isolated.
  server: { headers: crossOriginIsolation },
  // The runtime self-test is for checking a deployment (README, Deploying); it is not linked from the lessons.
  redirects: { '/': '/zh/', '/selftest': '/zh/selftest/' },
  // `npm start` is how learners run the course; Astro's dev toolbar is for people building Astro sites, and its
  // audit re-lints the whole page after every change to it (each batch of a run's output), which costs a flood
  // of output seconds of main-thread time.
  devToolbar: { enabled: false },
  vite: {
    plugins: [monacoCssOnDemand()],
    // The playground's editor (monaco-editor, plain ES modules) is served as is in `astro dev`: pre-bundling it
    // costs a minute at startup, and discovering it on the first click would reload the page mid-way.
    optimizeDeps: { exclude: ['monaco-editor'], include: ['@webcontainer/api'] },
    // Build caches (the WebContainer snapshot's work tree) are not site sources: changes there must not reload.
    server: { watch: { ignored: ['**/.cache/**', '**/dist/**', '**/test-results/**'] } },
    build: {
      // The editor (Monaco, 3.6 MB), its TypeScript worker (6.9 MB) and the type-stripping worker (amaro's wasm,
      // 3.8 MB) are megabytes by nature and load only when the reader engages; their weight is a budget measured
      // in BENCHMARKS.md, not a warning repeated by every build. Anything larger than them still warns.
      chunkSizeWarningLimit: 8000,
      rolldownOptions: {
        onwarn(warning, warn) {
          // Astro marks each MDX page's propagated-assets module with a "use astro:head-inject" directive that
          // Astro itself reads before bundling; rolldown then warns, once per page, that bundling may not keep
          // the directive (withastro/astro#18087, open; dropping it there is harmless). Only that warning goes.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use astro:head-inject"')) return;
          warn(warning);
        },
      },
    },
  },
  integrations: [
    // Dev only (it checks the command itself): runs examples with this machine's Node for the playground.
    localRunner(),
    // The examples with their node_modules for WebContainers: dist/webcontainer/examples.bin (served in dev too).
    webcontainerSnapshot(),
    starlight({
      title: { 'zh-CN': 'Async Lab · 异步与任务队列', en: 'Async Lab · Async & Task Queues' },
      description: 'Learn async processing and task queues in TypeScript, with code that runs in your browser.',
      defaultLocale: 'zh',
      locales: {
        zh: { label: '简体中文', lang: 'zh-CN' },
        en: { label: 'English', lang: 'en' },
      },
      sidebar: [
        {
          label: 'Lessons',
          translations: { 'zh-CN': '课程' },
          items: [{ autogenerate: { directory: 'lessons' } }],
        },
        // The whole of examples/ to download, the two commands, and a real Redis (src/content/docs/*/run-locally.mdx).
        { slug: 'run-locally' },
      ],
      social: repository ? [{ icon: socialIcon(repository), label: 'Repository', href: repository }] : [],
      customCss: ['./src/styles/site.css'],
      components: {
        // Starlight's search, with Pagefind's UI loaded when the reader opens search instead of on every page.
        Search: './src/components/starlight/Search.astro',
        // The course home's hero (progress, the capstone's queue) on the home pages; Starlight's elsewhere.
        Hero: './src/components/starlight/Hero.astro',
        // A lesson's place in the course path above its title.
        PageTitle: './src/components/starlight/PageTitle.astro',
        // The name without the subject on phones, instead of a title cut mid-word.
        SiteTitle: './src/components/starlight/SiteTitle.astro',
      },
      lastUpdated: false,
      // src/content/docs/404.md is the not-found page, rendered by the docs route at /404; Starlight's own 404
      // route would render the same entry again (Astro warns that the two collide).
      disable404Route: true,
      pagination: true,
    }),
  ],
});

/** @param {string} url */
function socialIcon(url) {
  const host = new URL(url).hostname;
  return host.endsWith('gitlab.com') ? 'gitlab' : host.endsWith('codeberg.org') ? 'codeberg' : 'github';
}
