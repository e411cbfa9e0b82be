import { applyViewDelta, touchedKeys, ViewTracker, type ViewDelta } from '../../src/shared/view-delta';

type View = {
  version: number;
  phase: string;
  pledges: Record<string, { at: string }>;
  ballot?: { round: number; voted: string[] };
  nominees: string[];
};

/** A cycle-like view through versions 1..6: a pledge per version, a ballot opened, re-run and removed. */
function history(): View[] {
  const views: View[] = [];
  let view: View = { version: 1, phase: 'LAUNCH', pledges: {}, nominees: [] };
  const next = (change: (v: View) => void) => {
    view = JSON.parse(JSON.stringify(view)) as View;
    view.version += 1;
    change(view);
    views.push(view);
  };
  views.push(view);
  next((v) => (v.pledges.A = { at: '1' }));
  next((v) => {
    v.pledges.B = { at: '2' };
    v.phase = 'PLEDGE';
  });
  next((v) => (v.ballot = { round: 1, voted: ['A'] }));
  next((v) => {
    v.ballot = { round: 2, voted: [] };
    delete v.pledges.A;
  });
  next((v) => {
    delete v.ballot;
    v.nominees = ['n1'];
  });
  return views;
}

describe('View deltas: a projection ships what changed since the last one known written', () => {
  it('given nothing written yet, when a delta is taken, should carry the whole view', () => {
    const [first] = history() as [View];
    const tracker = new ViewTracker();
    tracker.observe(first, 1);
    const delta = tracker.deltaOf(first, 1);
    expect(delta.full).toBe(true);
    expect(applyViewDelta({} as View, delta)).toEqual(first);
  });

  it('given version 1 written, when a pledge is signed, should ship only that unit’s entry and the version', () => {
    const views = history();
    const tracker = new ViewTracker();
    tracker.observe(views[0], 1);
    tracker.markWritten(1);
    tracker.observe(views[1], 2);
    const delta = tracker.deltaOf(views[1], 2);
    expect(delta).toMatchObject({ full: false, set: { version: 2 }, merge: { pledges: { A: { at: '1' } } }, unset: [] });
    expect([...touchedKeys(delta)].sort()).toEqual(['pledges', 'version']);
  });

  it('given deltas taken while earlier ones are in flight, when they land in any order behind the version guard, should leave the newest view', () => {
    const views = history();
    const tracker = new ViewTracker();
    const deltas: ViewDelta[] = [];
    views.forEach((view, i) => {
      tracker.observe(view, view.version);
      deltas.push(tracker.deltaOf(view, view.version));
      // Versions 1 and 3 are known written when the next is taken; the others are still in flight.
      if (i === 0 || i === 2) tracker.markWritten(view.version);
    });
    // A delta taken after version 3 was known written can only land after it (its projection had completed).
    const orders = [
      [0, 1, 2, 3, 4, 5],
      [0, 2, 1, 4, 3, 5],
      [0, 2, 5, 1, 4, 3],
      [0, 2, 1, 5, 4, 3],
    ];
    for (const order of orders) {
      let stored: View | undefined;
      for (const i of order) {
        const delta = deltas[i];
        if (stored && stored.version >= delta.version) continue;
        stored = applyViewDelta(stored ?? ({} as View), delta);
        expect(stored).toEqual(views[i]);
      }
      expect(stored).toEqual(views[views.length - 1]);
    }
  });
});
