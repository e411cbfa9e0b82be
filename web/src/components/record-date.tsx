import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { CycleView } from '../api/types';
import { formatDate, parseDateInput } from '../lib/format';
import { DateField } from './ui';

type DatedCycle = Pick<CycleView, 'mode' | 'year' | 'recordedThrough' | 'phaseOpenedOn'>;

/** The day a RECORD cycle's next step most plausibly happened: that of its latest recorded step, or of its launch. */
export function latestRecordedDay(cycle: DatedCycle, ...others: (string | undefined)[]): string {
  const days = [cycle.recordedThrough, ...Object.values(cycle.phaseOpenedOn ?? {}), ...others].filter(
    (d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d),
  );
  return days.sort().pop() ?? `${cycle.year}-01-15`;
}

export interface RecordDate {
  /** The day to send as occurredOn (YYYY-MM-DD); undefined in a LIVE cycle. */
  occurredOn?: string;
  /** True when a RECORD cycle's date is missing or not a real day: the form must not be sent. */
  invalid: boolean;
  /** The "Ngày thực hiện" field in a RECORD cycle; nothing in a LIVE one. */
  field: ComponentChildren;
}

/**
 * A RECORD cycle (a past year entered afterwards) asks every step the day it happened on paper ("Ngày thực hiện",
 * dd/mm/yyyy), starting from the latest day already recorded; the server checks the order. LIVE steps happen now.
 */
export function useRecordDate(cycle: DatedCycle, ...others: (string | undefined)[]): RecordDate {
  const record = cycle.mode === 'RECORD';
  const [value, setValue] = useState(() => (record ? formatDate(latestRecordedDay(cycle, ...others)) : ''));
  if (!record) return { invalid: false, field: null };
  const day = parseDateInput(value);
  return {
    occurredOn: day ?? undefined,
    invalid: day === null,
    field: (
      <DateField
        label="Ngày thực hiện"
        value={value}
        onValue={setValue}
        required
        hint="Ngày bước này diễn ra trên hồ sơ giấy (dd/mm/yyyy); không trước các bước nó phụ thuộc."
      />
    ),
  };
}
