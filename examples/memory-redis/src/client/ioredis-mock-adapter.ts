// The one place that relies on how ioredis-mock works inside (pinned: 8.13.1). The in-memory client
// subclasses ioredis-mock for its client shell (EventEmitter, options, pub/sub) but brings its own data
// store and commands, which ioredis-mock offers no public way to do. Three things are done here, each
// checked by test/ioredis-mock-adapter.test.ts, which fails loudly if an upgrade changes them:
//
// 1. ioredis-mock's constructor puts every command on the instance as an own property (its
//    `_initCommands`), where it would hide the subclass's methods: they are taken off again.
// 2. The constructor also subscribes the instance to WATCH bookkeeping on an emitter shared by every client
//    of the same host/port (`context.modifiedKeyEvents`): unhooked, since WATCH is not supported and the
//    listeners would pile up.
// 3. ioredis-mock's pub/sub commands run only while its `connected` flag is set, which its own connect()
//    sets (and emits events the client emits itself): the flag follows the client's own lifecycle.
// 4. On close, the instance's pub/sub listeners leave ioredis-mock's shared channel registries
//    (`channels`, `patternChannels`); its own disconnect() forgets to remove them from the emitter.
import RedisMock from 'ioredis-mock';
import type { EventEmitter } from 'node:events';

/** ioredis-mock's class; its typings claim the whole ioredis surface, ours is checked on our own code. */
export const MockBase = RedisMock as unknown as new (options: object) => EventEmitter;

/** Commands whose ioredis-mock implementation the client keeps: pub/sub, on ioredis-mock's own registry. */
export const MOCK_PUBSUB_COMMANDS: ReadonlySet<string> = new Set([
  'subscribe',
  'psubscribe',
  'unsubscribe',
  'punsubscribe',
  'publish',
  'pubsub',
]);

type Listener = (...args: unknown[]) => void;
type ChannelRegistry = {
  instanceListeners?: Map<string, Map<unknown, Listener>>;
  removeListener(channel: string, listener: Listener): void;
};
type MockInternals = Record<string, unknown> & {
  connected?: boolean;
  context?: { modifiedKeyEvents?: EventEmitter };
  _signalModifiedKey?: Listener;
  channels?: ChannelRegistry;
  patternChannels?: ChannelRegistry;
};

/**
 * Takes ioredis-mock's own-property commands off a freshly constructed instance. `replacement(name)` gives
 * what stands instead: undefined to let the prototype's method show through (ours), or a function for a
 * command the client does not implement. Pub/sub commands stay ioredis-mock's.
 */
export function takeOverCommands(instance: object, replacement: (name: string) => Function | undefined): void {
  const self = instance as MockInternals;
  for (const name of Object.getOwnPropertyNames(instance)) {
    if (typeof self[name] !== 'function' || name.startsWith('_')) continue;
    if (MOCK_PUBSUB_COMMANDS.has(name.replace(/Buffer$/, ''))) continue;
    const instead = replacement(name);
    // Some are non-configurable (cannot be deleted) but writable: those are overwritten instead.
    if (instead === undefined && Reflect.deleteProperty(instance, name)) continue;
    self[name] = instead ?? Object.getPrototypeOf(instance)[name];
  }
}

/** Unhooks the instance from ioredis-mock's shared WATCH bookkeeping (see 2 above). */
export function detachFromWatch(instance: object): void {
  const self = instance as MockInternals;
  if (self._signalModifiedKey) self.context?.modifiedKeyEvents?.off('modified', self._signalModifiedKey);
}

/** Tells ioredis-mock's pub/sub whether the client is connected (see 3 above). */
export function setMockConnected(instance: object, connected: boolean): void {
  (instance as MockInternals).connected = connected;
}

/** Removes the instance's pub/sub listeners from ioredis-mock's shared channel registries (see 4 above). */
export function leaveChannels(instance: object): void {
  const self = instance as MockInternals;
  for (const registry of [self.channels, self.patternChannels]) {
    registry?.instanceListeners?.forEach((listeners, channel) => {
      const listener = listeners.get(instance);
      if (listener) {
        registry.removeListener(channel, listener);
        listeners.delete(instance);
      }
    });
  }
}
