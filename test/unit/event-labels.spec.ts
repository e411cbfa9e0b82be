import { ASSESSMENT_ENTRY_TYPES } from '../../src/domain/cycle/wording/assessment';
import { CYCLE_ENTRY_TYPES } from '../../src/domain/cycle/wording';
import { EVENT_LABELS_VI } from '../../src/shared/event-labels';

describe('Vietnamese labels of timeline events', () => {
  it('given every entry type the cycle and the self-assessment record (those with a sentence), should have a label for each, in NFC', () => {
    const recorded = new Set([...CYCLE_ENTRY_TYPES, ...ASSESSMENT_ENTRY_TYPES]);
    expect(recorded.size).toBeGreaterThan(40);
    const missing = [...recorded].filter((type) => !(type in EVENT_LABELS_VI));
    expect(missing).toEqual([]);
    for (const label of Object.values(EVENT_LABELS_VI)) expect(label).toBe(label.normalize('NFC'));
  });
});
