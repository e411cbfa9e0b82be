/**
 * What a projection ships instead of the whole cycle view: the parts of the view changed since the last projection
 * the workflow saw complete. Top-level keys whose value is a plain object (pledges, assessments, ballot…) are
 * compared per sub-key, so a unit's pledge ships that unit's entry, not every unit's.
 *
 * Why "since the last one completed" and not "since the previous event": projections may land out of order (two
 * updates in flight) and the read model keeps only the highest version. A delta for version v then carries every
 * change after the highest version known written, with its value as of v, so applying it to any stored version
 * between that one and v yields exactly the view at v, and skipping it under a newer stored version loses nothing.
 */
export interface ViewDelta {
  version: number;
  /** Top-level keys replaced whole (or the whole view when `full`). */
  set: Record<string, unknown>;
  /** Sub-keys replaced inside a top-level object. */
  merge: Record<string, Record<string, unknown>>;
  /** Top-level keys removed. */
  unset: string[];
  /** Sub-keys removed inside a top-level object. */
  unsetSub: Record<string, string[]>;
  /** `set` holds the whole view: nothing is known written yet. */
  full: boolean;
}

type Shape = { kind: 'value'; json: string } | { kind: 'object'; subs: Map<string, string> };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const SEP = '\u0001';

/** Kept by the workflow beside its view; deterministic (plain JSON comparisons), so it rebuilds the same on replay. */
export class ViewTracker {
  private readonly shapes = new Map<string, Shape>();
  /** The version at which each key (`k`) or sub-key (`k SEP s`) last changed or disappeared. */
  private readonly changedAt = new Map<string, number>();
  private written = 0;

  /** Records what the view's version `version` changed; call after each applied event. */
  observe(view: object, version: number): void {
    const current = view as Record<string, unknown>;
    for (const key of new Set([...this.shapes.keys(), ...Object.keys(current)])) {
      const value = current[key];
      const before = this.shapes.get(key);
      if (value === undefined) {
        if (before) {
          this.shapes.delete(key);
          this.changedAt.set(key, version);
        }
        continue;
      }
      if (!isObject(value)) {
        const json = JSON.stringify(value);
        if (before?.kind !== 'value' || before.json !== json) {
          this.shapes.set(key, { kind: 'value', json });
          this.changedAt.set(key, version);
        }
        continue;
      }
      const subs = new Map<string, string>();
      for (const [sub, v] of Object.entries(value)) if (v !== undefined) subs.set(sub, JSON.stringify(v));
      if (before?.kind !== 'object') {
        this.changedAt.set(key, version);
      } else {
        for (const [sub, json] of subs) if (before.subs.get(sub) !== json) this.changedAt.set(key + SEP + sub, version);
        for (const sub of before.subs.keys()) if (!subs.has(sub)) this.changedAt.set(key + SEP + sub, version);
      }
      this.shapes.set(key, { kind: 'object', subs });
    }
  }

  /** The delta bringing any stored version from the last known written one up to `view` (at `version`). */
  deltaOf(view: object, version: number): ViewDelta {
    const current = view as Record<string, unknown>;
    const delta: ViewDelta = { version, set: {}, merge: {}, unset: [], unsetSub: {}, full: this.written === 0 };
    if (delta.full) {
      delta.set = JSON.parse(JSON.stringify(current)) as Record<string, unknown>;
      return delta;
    }
    for (const [path, at] of this.changedAt) {
      if (at <= this.written) continue;
      const [key, sub] = path.split(SEP) as [string, string | undefined];
      const value = current[key];
      if (sub === undefined) {
        if (value === undefined) delta.unset.push(key);
        else delta.set[key] = value;
        continue;
      }
      // A sub-key change under a key replaced whole later (or removed) ships with that replacement.
      if ((this.changedAt.get(key) ?? 0) > this.written || !isObject(value)) continue;
      if (value[sub] === undefined) (delta.unsetSub[key] ??= []).push(sub);
      else (delta.merge[key] ??= {})[sub] = value[sub];
    }
    return JSON.parse(JSON.stringify(delta)) as ViewDelta;
  }

  /** A projection of `version` completed: the read model holds at least that version; older changes are forgotten. */
  markWritten(version: number): void {
    if (version <= this.written) return;
    this.written = version;
    for (const [path, at] of this.changedAt) if (at <= version) this.changedAt.delete(path);
  }
}

/** The view at the delta's version, from a stored view at any version from the last known written one up to it. */
export function applyViewDelta<T extends object>(stored: T, delta: ViewDelta): T {
  if (delta.full) return delta.set as T;
  const view = { ...(stored as Record<string, unknown>) };
  for (const key of delta.unset) delete view[key];
  for (const [key, value] of Object.entries(delta.set)) view[key] = value;
  for (const [key, subs] of Object.entries(delta.merge)) view[key] = { ...(view[key] as Record<string, unknown>), ...subs };
  for (const [key, subs] of Object.entries(delta.unsetSub)) {
    const inner = { ...(view[key] as Record<string, unknown>) };
    for (const sub of subs) delete inner[sub];
    view[key] = inner;
  }
  return view as T;
}

/** The top-level keys a delta touches: what the projection's row writes depend on. */
export function touchedKeys(delta: ViewDelta): Set<string> {
  return new Set([...Object.keys(delta.set), ...Object.keys(delta.merge), ...delta.unset, ...Object.keys(delta.unsetSub)]);
}

/**
 * What a batch of consecutive deltas touched, as one delta for the projection's row writes (touchedKeys and the
 * pledge entries it reads); not a delta to apply: the batch's views are built by applying each in order.
 */
export function touchedBy(deltas: readonly ViewDelta[]): ViewDelta {
  const out: ViewDelta = { version: 0, set: {}, merge: {}, unset: [], unsetSub: {}, full: false };
  for (const d of deltas) {
    out.version = Math.max(out.version, d.version);
    out.full ||= d.full;
    Object.assign(out.set, d.set);
    for (const [key, subs] of Object.entries(d.merge)) out.merge[key] = { ...out.merge[key], ...subs };
    out.unset.push(...d.unset.filter((k) => !out.unset.includes(k)));
    for (const [key, subs] of Object.entries(d.unsetSub))
      out.unsetSub[key] = [...new Set([...(out.unsetSub[key] ?? []), ...subs])];
  }
  return out;
}
