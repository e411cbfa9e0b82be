import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EVENT_LABELS_VI } from '../../src/shared/event-labels';

describe('Vietnamese labels of timeline events', () => {
  it('given every event type the workflows record, should have a label for each, in NFC', () => {
    const dir = path.resolve(__dirname, '../../src/workflows');
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    const recorded = new Set([...source.matchAll(/record\(\s*'([A-Z_]+)'/g)].map((m) => m[1]));
    expect(recorded.size).toBeGreaterThan(20);
    const missing = [...recorded].filter((type) => !(type in EVENT_LABELS_VI));
    expect(missing).toEqual([]);
    for (const label of Object.values(EVENT_LABELS_VI)) expect(label).toBe(label.normalize('NFC'));
  });
});
