// amaro's transformSync as the page's worker imports it (src/integrations/webcontainer-snapshot/amaro-in-the-browser.ts).
declare module 'virtual:amaro-browser' {
  export const transformSync: import('./strip-types.ts').AmaroTransform;
}
