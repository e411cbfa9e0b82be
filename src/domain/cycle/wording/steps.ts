import type { Wording } from './types';

/** Every entry of the cycle outside the conference. */
export const stepsWording: Wording = {
  LAUNCHED: (data, view) => `Trưởng khối phát động thi đua năm ${view.year}, ${String(data.criteria)} tiêu chí`,
};
