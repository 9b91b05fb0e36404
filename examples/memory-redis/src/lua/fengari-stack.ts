// fengari's call and return paths without an allocation per stack slot or per call, installed when this
// module loads.
//
// Why: fengari 0.1.5 keeps a Lua stack as a JS array of TValue objects. Every call allocates a fresh TValue
// for each slot its frame grows into (adjust_top, luaD_precall) and `delete`s every slot above the results
// when it returns (moveresults). In BullMQ's scripts that was the largest single cost of this server (its two
// hottest functions, plus the garbage collection behind them), and a `delete` can also turn the array into a
// slow dictionary. Lua in C does neither: a slot above the top keeps its old value until something is
// written there. The versions below do the same: growing the top sets the slot's existing object to nil
// (allocating only where there is none yet), dropping the top just moves it.
//
// The same goes for call records: fengari makes a new CallInfo object for every call and unlinks it on return;
// C Lua keeps its CallInfo list and the next call reuses the record after the current one (next_ci). So do
// these: a finished call's CallInfo stays linked as L.ci.next, and the next call takes it, reset to what a
// new one holds (the continuation fields; every other field is written by the call itself).
//
// Why that is safe: with it, a slot's object stands for what C Lua has there, the slot's address. fengari's
// open upvalues are the slot objects themselves (lfunc.luaF_findupval), and lfunc.luaF_close gives those
// slots fresh objects before their frame is left, as C's luaF_close copies the value out of the stack; so a
// reused object is never one a closure still holds. Every other place that keeps a slot's object keeps it
// while the slot is live, where fengari already writes into the objects in place (setobjs2s); where it puts
// an object into a slot, the object is a fresh one. A CallInfo is read only while its call runs (ldebug reads
// ci.next only for frames below the running one, which are live), and the continuation fields are reset;
// fengari's own paths that still make one (luaE_extendCI: hooks, luaD_call from JS) just replace the kept one.
//
// How: lvm.js and lapi.js reach adjust_top, luaD_precall and luaD_poscall through ldo.js's exports object,
// so replacing those three exports routes the interpreter's calls and returns (and lua_settop) through the
// functions below. Paths inside ldo.js that call its own local functions (luaD_call from the C API,
// coroutine resume, hooks) keep fengari's code; the two agree, since both treat a slot above the top as
// free. The functions are fengari 0.1.5's own (MIT licence), changed only where they allocated or deleted
// slots or call records; a call with a call hook, or of a non-function (__call), still goes to fengari's original.
//
// This reaches into fengari's internals, so it is installed only when fengari's originals are exactly the
// code these were derived from (their source text is fingerprinted below); otherwise fengari runs as shipped,
// correct but slower, and test/fengari-stack.test.ts fails: re-derive these functions from the new fengari.
import defs from 'fengari/src/defs.js';
import ldo from 'fengari/src/ldo.js';
import lobject from 'fengari/src/lobject.js';
import lstate from 'fengari/src/lstate.js';
import { sha1Hex } from '../util/sha1.ts';

type TValue = { type: number; value: unknown; setfrom(o: TValue): void };
type Proto = { numparams: number; is_vararg: boolean; maxstacksize: number; code: unknown[] };
type CallInfo = {
  funcOff: number;
  nresults: number;
  func: TValue;
  top: number;
  l_base: number;
  l_code: unknown[];
  l_savedpc: number;
  callstatus: number;
  previous: CallInfo;
  next: CallInfo | null;
  c_k: unknown;
  c_ctx: unknown;
  c_old_errfunc: unknown;
};
type LuaState = { stack: (TValue | undefined)[]; top: number; ci: CallInfo; hookmask: number; oldpc: number };
type Precall = (L: LuaState, off: number, nresults: number) => boolean;
type Poscall = (L: LuaState, ci: CallInfo, firstResult: number, nres: number) => boolean;

const {
  LUA_MASKCALL,
  LUA_MASKLINE,
  LUA_MASKRET,
  LUA_MINSTACK,
  LUA_MULTRET,
  constant_types: { LUA_TCCL, LUA_TLCF, LUA_TLCL, LUA_TNIL },
} = defs;
const { TValue } = lobject;

/** SHA1 of the source text of fengari 0.1.5's adjust_top, luaD_precall and luaD_poscall, in that order. */
export const FINGERPRINT = '7aeee9c04a08db987d21888e1339fad6618f418f';

/** fengari's own functions, as shipped (kept for what the replacements hand back, and for the test). */
export const originals = {
  adjust_top: ldo.adjust_top as (L: LuaState, newtop: number) => void,
  luaD_precall: ldo.luaD_precall as Precall,
  luaD_poscall: ldo.luaD_poscall as Poscall,
};

/** The fingerprint of the fengari functions this module would replace. */
export function fingerprintOf(fns: typeof originals): string {
  const text = [fns.adjust_top, fns.luaD_precall, fns.luaD_poscall].map((f) => String(f)).join('\n');
  return sha1Hex(new TextEncoder().encode(text));
}

/** Sets the slot at `idx` to nil, reusing its object. */
function setnil(stack: (TValue | undefined)[], idx: number): void {
  const o = stack[idx];
  if (o === undefined) stack[idx] = new TValue(LUA_TNIL, null);
  else {
    o.type = LUA_TNIL;
    o.value = null;
  }
}

function adjust_top(L: LuaState, newtop: number): void {
  const stack = L.stack;
  for (let i = L.top; i < newtop; i++) setnil(stack, i);
  L.top = newtop;
}

/** fengari's adjust_varargs: moves the fixed parameters above the varargs. */
function adjust_varargs(L: LuaState, p: Proto, actual: number): number {
  const stack = L.stack;
  const nfixargs = p.numparams;
  const fixed = L.top - actual; /* first fixed argument */
  const base = L.top; /* final position of first argument */
  let i;
  for (i = 0; i < nfixargs && i < actual; i++) {
    setnil(stack, L.top);
    stack[L.top++]!.setfrom(stack[fixed + i]!);
    const o = stack[fixed + i]!;
    o.type = LUA_TNIL;
    o.value = null;
  }
  for (; i < nfixargs; i++) setnil(stack, L.top++);
  return base;
}

/**
 * The CallInfo for a new call: the one the last finished call left after L.ci (C Lua's next_ci), made as fresh
 * as fengari's own; fengari's luaE_extendCI (a new object) only when there is none.
 */
function nextCI(L: LuaState): CallInfo {
  const ci = L.ci.next;
  if (ci === null) return lstate.luaE_extendCI(L) as CallInfo;
  ci.c_k = null;
  ci.c_ctx = null;
  ci.c_old_errfunc = null;
  L.ci = ci;
  return ci;
}

function luaD_precall(L: LuaState, off: number, nresults: number): boolean {
  const func = L.stack[off]!;
  if (L.hookmask & LUA_MASKCALL) return originals.luaD_precall(L, off, nresults);
  switch (func.type) {
    case LUA_TCCL:
    case LUA_TLCF: {
      const f = (func.type === LUA_TCCL ? (func.value as { f: unknown }).f : func.value) as (L: LuaState) => unknown;
      ldo.luaD_checkstack(L, LUA_MINSTACK);
      const ci = nextCI(L);
      ci.funcOff = off;
      ci.nresults = nresults;
      ci.func = func;
      ci.top = L.top + LUA_MINSTACK;
      ci.callstatus = 0;
      const n = f(L); /* do the actual call */
      if (typeof n !== 'number' || n < 0 || (n | 0) !== n)
        throw Error('invalid return value from JS function (expected integer)');
      if (!(n < L.top - L.ci.funcOff)) throw Error('not enough elements in the stack');
      luaD_poscall(L, ci, L.top - n, n);
      return true;
    }
    case LUA_TLCL: {
      let base;
      const p = (func.value as { p: Proto }).p;
      let n = L.top - off - 1;
      const fsize = p.maxstacksize;
      ldo.luaD_checkstack(L, fsize);
      if (p.is_vararg) {
        base = adjust_varargs(L, p, n);
      } else {
        for (; n < p.numparams; n++) setnil(L.stack, L.top++); /* complete missing arguments */
        base = off + 1;
      }
      const ci = nextCI(L);
      ci.funcOff = off;
      ci.nresults = nresults;
      ci.func = func;
      ci.l_base = base;
      ci.top = base + fsize;
      adjust_top(L, ci.top);
      ci.l_code = p.code;
      ci.l_savedpc = 0;
      ci.callstatus = lstate.CIST_LUA;
      return false;
    }
    default:
      return originals.luaD_precall(L, off, nresults); /* __call metamethod */
  }
}

function luaD_poscall(L: LuaState, ci: CallInfo, firstResult: number, nres: number): boolean {
  if (L.hookmask & (LUA_MASKRET | LUA_MASKLINE)) return originals.luaD_poscall(L, ci, firstResult, nres);
  const wanted = ci.nresults;
  const res = ci.funcOff;
  L.ci = ci.previous; /* ci stays linked as L.ci.next, for the next call to reuse */
  return moveresults(L, firstResult, res, nres, wanted);
}

function moveresults(L: LuaState, firstResult: number, res: number, nres: number, wanted: number): boolean {
  const stack = L.stack;
  switch (wanted) {
    case 0:
      break;
    case 1:
      if (nres === 0) setnil(stack, res);
      else stack[res]!.setfrom(stack[firstResult]!); /* move it to proper place */
      break;
    case LUA_MULTRET:
      for (let i = 0; i < nres; i++) stack[res + i]!.setfrom(stack[firstResult + i]!);
      L.top = res + nres;
      return false;
    default: {
      let i;
      if (wanted <= nres) {
        for (i = 0; i < wanted; i++) stack[res + i]!.setfrom(stack[firstResult + i]!);
      } else {
        for (i = 0; i < nres; i++) stack[res + i]!.setfrom(stack[firstResult + i]!);
        for (; i < wanted; i++) setnil(stack, res + i);
      }
      break;
    }
  }
  L.top = res + wanted; /* top points after the last result */
  return true;
}

/** Whether the replacements are in place (false: fengari differs from what they were derived from). */
export const installed: boolean = (() => {
  if (fingerprintOf(originals) !== FINGERPRINT) return false;
  ldo.adjust_top = adjust_top;
  ldo.luaD_precall = luaD_precall;
  ldo.luaD_poscall = luaD_poscall;
  return true;
})();
