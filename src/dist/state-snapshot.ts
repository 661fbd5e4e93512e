import v8 from 'node:v8';
import { MarsadError } from '../errors.js';

/** A state could not be snapshotted or restored (a class the registry does not know, a stray function). */
export class SnapshotError extends MarsadError {}

const TYPED = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
];
/** Prototypes the structured clone keeps by itself. */
const BUILTIN = new Set<object | null>([
  null,
  Object.prototype,
  Array.prototype,
  Map.prototype,
  Set.prototype,
  Date.prototype,
  RegExp.prototype,
  ArrayBuffer.prototype,
  DataView.prototype,
  ...TYPED.map((t) => t.prototype as object),
]);

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Ctor = Function & { prototype: object };
type Path = Array<string | number>;

interface Visit {
  /** An object reached for the first time. */
  object?(obj: object): void;
  /** A function held by an object property, with its path from the unit's root. */
  fn?(holder: object, key: string, path: Path): void;
}

/**
 * Visits everything reachable from `root` once: own enumerable properties, Map keys/values, Set
 * values (typed arrays are leaves). Paths are tracked through plain properties only: a function
 * inside a Map or Set is refused.
 */
const walk = (root: unknown, visit: Visit): void => {
  const seen = new Set<object>();
  const path: Path = [];
  const go = (v: unknown, inCollection: boolean): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    visit.object?.(v);
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return;
    if (v instanceof Map || v instanceof Set) {
      for (const x of v instanceof Map ? [...v.keys(), ...v.values()] : v.values()) {
        if (typeof x === 'function') throw new SnapshotError('a function inside a Map or Set cannot be snapshotted');
        go(x, true);
      }
      return;
    }
    for (const key of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[key];
      if (typeof x === 'function') {
        if (inCollection) throw new SnapshotError(`function ${key} inside a Map or Set cannot be snapshotted`);
        path.push(key);
        visit.fn?.(v, key, [...path]);
        path.pop();
        continue;
      }
      path.push(key);
      go(x, inCollection);
      path.pop();
    }
  };
  go(root, false);
};

const at = (root: unknown, path: Path): unknown =>
  path.reduce<unknown>((o, k) => (o === null || o === undefined ? undefined : (o as Record<string, unknown>)[k]), root);

/**
 * Snapshots detector states with v8's serializer, which keeps Maps, Sets, typed arrays and shared
 * references but neither prototypes nor functions:
 * - the class of every instance is recorded by name (a registry learnt from fresh states, so the
 *   same code in another process resolves the same names) and set back on restore; an instance of
 *   a class the registry does not know fails the snapshot rather than coming back as a plain object;
 * - a function held in a state (e.g. a callback bound to the state, set by createState) is left
 *   out and, on restore, taken from a fresh state of the same unit at the same path, after the
 *   restored properties were copied onto that fresh state object (so a closure over the unit's root
 *   object sees the restored data).
 */
export class StateCodec {
  private readonly byName = new Map<string, Ctor>();
  private readonly byProto = new Map<object, string>();

  /** Learns every class reachable from `samples` (fresh states), plus `extra` classes made lazily. */
  constructor(samples: unknown[], extra: Ctor[] = []) {
    for (const c of extra) this.add(c);
    walk(samples, {
      object: (obj) => {
        const proto = Object.getPrototypeOf(obj) as object | null;
        if (proto && !BUILTIN.has(proto)) this.add(proto.constructor as Ctor);
      },
    });
  }

  private add(ctor: Ctor): void {
    if (this.byProto.has(ctor.prototype)) return;
    let name = ctor.name || 'anonymous';
    while (this.byName.has(name)) name = `${name}'`;
    this.byName.set(name, ctor);
    this.byProto.set(ctor.prototype, name);
  }

  /** Serialises `units` (each restored on its own; see `decode`). */
  encode(units: unknown[]): Buffer {
    const tags: Array<[object, string]> = [];
    const fns: Array<{ unit: number; path: Path; holder: object; key: string; fn: unknown }> = [];
    units.forEach((unit, i) =>
      walk(unit, {
        object: (obj) => {
          const proto = Object.getPrototypeOf(obj) as object | null;
          if (BUILTIN.has(proto)) return;
          const name = proto ? this.byProto.get(proto) : undefined;
          if (name === undefined)
            throw new SnapshotError(
              `state holds an instance of ${(proto?.constructor as Ctor | undefined)?.name ?? '?'}, a class the snapshot registry does not know`,
            );
          tags.push([obj, name]);
        },
        fn: (holder, key, path) =>
          fns.push({ unit: i, path, holder, key, fn: (holder as Record<string, unknown>)[key] }),
      }),
    );
    // Functions are taken out for the serializer and put back at once (all synchronous).
    for (const f of fns) (f.holder as Record<string, unknown>)[f.key] = undefined;
    try {
      return v8.serialize({ units, tags, fns: fns.map((f) => ({ unit: f.unit, path: f.path })) });
    } catch (err) {
      throw new SnapshotError(`state cannot be serialised: ${(err as Error).message}`);
    } finally {
      for (const f of fns) (f.holder as Record<string, unknown>)[f.key] = f.fn;
    }
  }

  /** Restores units; `fresh(i)` makes a new unit i (its createState) when unit i held functions. */
  decode(buf: Buffer, fresh: (unit: number) => unknown): unknown[] {
    const { units, tags, fns } = v8.deserialize(buf) as {
      units: unknown[];
      tags: Array<[object, string]>;
      fns: Array<{ unit: number; path: Path }>;
    };
    for (const [obj, name] of tags) {
      const ctor = this.byName.get(name);
      if (!ctor) throw new SnapshotError(`snapshot names class ${name}, unknown to this version`);
      Object.setPrototypeOf(obj, ctor.prototype);
    }
    const byUnit = new Map<number, Path[]>();
    for (const f of fns) byUnit.set(f.unit, [...(byUnit.get(f.unit) ?? []), f.path]);
    for (const [i, paths] of byUnit) {
      const base = fresh(i);
      const restored = units[i];
      if (base === null || typeof base !== 'object' || restored === null || typeof restored !== 'object')
        throw new SnapshotError(`unit ${i} held functions but has no fresh object to restore them from`);
      const taken = paths.map((p) => at(base, p));
      Object.assign(base, restored);
      paths.forEach((p, j) => {
        const holder = at(base, p.slice(0, -1));
        const fn = taken[j];
        if (typeof fn !== 'function' || holder === null || typeof holder !== 'object')
          throw new SnapshotError(`no function at ${p.join('.')} in a fresh state of unit ${i}`);
        (holder as Record<string, unknown>)[String(p[p.length - 1])] = fn;
      });
      units[i] = base;
    }
    return units;
  }
}
