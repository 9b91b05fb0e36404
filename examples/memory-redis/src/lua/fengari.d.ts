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
declare module 'fengari/src/lobject.js' {
  const lobject: any;
  export default lobject;
}
declare module 'fengari/src/lstring.js' {
  const lstring: any;
  export default lstring;
}
declare module 'fengari/src/lstate.js' {
  const lstate: any;
  export default lstate;
}
declare module 'fengari/src/ldo.js' {
  const ldo: any;
  export default ldo;
}
declare module 'fengari/src/lfunc.js' {
  const lfunc: any;
  export default lfunc;
}
