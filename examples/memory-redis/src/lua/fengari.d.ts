// fengari ships no type declarations; the bridge uses its C-like API untyped.
declare module 'fengari' {
  const fengari: any;
  export default fengari;
}
declare module 'fengari/src/luaconf.js' {
  const luaconf: any;
  export default luaconf;
}
declare module 'fengari/src/defs.js' {
  const defs: any;
  export default defs;
}
