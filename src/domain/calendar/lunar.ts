/**
 * The Vietnamese lunisolar calendar (âm lịch), computed for the UTC+7 meridian.
 *
 * Calendar rules: a month starts on the local day of a new moon; month 11 is the month that contains the December
 * solstice; when 13 months start between one month 11 and the next, the first of them after month 11 that contains no
 * major solar term (trung khí: the sun's longitude crossing a multiple of 30°) is a leap month and repeats the number
 * of the month before it. Computing in UTC+7 rather than China's UTC+8 is what moves some dates (Tết 1968, 1985, 2007).
 * Vietnam adopted UTC+7 for its calendar in 1967, effective with Tết Mậu Thân 1968; earlier dates follow the UTC+8
 * computation that was then in use, as Vietnamese almanacs print them.
 *
 * Astronomy from Jean Meeus, Astronomical Algorithms (2nd ed.): true new moons (ch. 49) and the sun's apparent longitude
 * from truncated VSOP87 (ch. 25, appendix III; within about 10 s of published equinox and solstice times), with ΔT from
 * the Espenak–Meeus polynomials. Valid for 1900–2100.
 *
 * Dates cross this module as YYYY-MM-DD strings; inside, a date is its day number counted from 1970-01-01.
 */

export interface LunarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** True in a leap month (tháng nhuận), which repeats the number of the month before it. */
  readonly leap: boolean;
}

export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

const DAY_MS = 86_400_000;
const UNIX_EPOCH_JD = 2_440_587.5;
const UTC7_OFFSET = 7 / 24;
const UTC8_OFFSET = 8 / 24;
/** Day number of 1968-01-01, the first day computed for UTC+7. */
const UTC7_FIRST_DAY = -731;
const SYNODIC_MONTH = 29.530588861;
const NEW_MOON_EPOCH_JDE = 2_451_550.09766;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number (days since 1970-01-01) of a YYYY-MM-DD date; throws on anything that is not a real calendar date. */
export function toDayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  if (match) {
    const utc = new Date(0);
    utc.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    const day = utc.getTime() / DAY_MS;
    // setUTCFullYear rolls 2025-02-30 over to 2025-03-02; a real date formats back to itself.
    if (fromDayNumber(day) === date) return day;
  }
  throw new RangeError(`not a YYYY-MM-DD calendar date: ${date}`);
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

const sinDeg = (degrees: number): number => Math.sin((degrees * Math.PI) / 180);

/** ΔT = TT − UT in days (Espenak–Meeus polynomials), for a decimal year. */
function deltaT(year: number): number {
  let seconds: number;
  if (year < 1900) {
    const t = year - 1860;
    seconds = 7.62 + 0.5737 * t - 0.251754 * t ** 2 + 0.01680668 * t ** 3 - 0.0004473624 * t ** 4 + t ** 5 / 233174;
  } else if (year < 1920) {
    const t = year - 1900;
    seconds = -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  } else if (year < 1941) {
    const t = year - 1920;
    seconds = 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  } else if (year < 1961) {
    const t = year - 1950;
    seconds = 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  } else if (year < 1986) {
    const t = year - 1975;
    seconds = 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  } else if (year < 2005) {
    const t = year - 2000;
    seconds = 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  } else if (year < 2050) {
    const t = year - 2000;
    seconds = 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  } else {
    seconds = -20 + 32 * ((year - 1820) / 100) ** 2 - 0.5628 * (2150 - year);
  }
  return seconds / 86_400;
}

/** Periodic terms of the true new moon (Meeus table 49.A): [coefficient, power of E, M, M', F, Ω multipliers]. */
const NEW_MOON_TERMS: readonly (readonly [number, number, number, number, number, number])[] = [
  [-0.4072, 0, 0, 1, 0, 0],
  [0.17241, 1, 1, 0, 0, 0],
  [0.01608, 0, 0, 2, 0, 0],
  [0.01039, 0, 0, 0, 2, 0],
  [0.00739, 1, -1, 1, 0, 0],
  [-0.00514, 1, 1, 1, 0, 0],
  [0.00208, 2, 2, 0, 0, 0],
  [-0.00111, 0, 0, 1, -2, 0],
  [-0.00057, 0, 0, 1, 2, 0],
  [0.00056, 1, 1, 2, 0, 0],
  [-0.00042, 0, 0, 3, 0, 0],
  [0.00042, 1, 1, 0, 2, 0],
  [0.00038, 1, 1, 0, -2, 0],
  [-0.00024, 1, -1, 2, 0, 0],
  [-0.00017, 0, 0, 0, 0, 1],
  [-0.00007, 0, 2, 1, 0, 0],
  [0.00004, 0, 0, 2, -2, 0],
  [0.00004, 0, 3, 0, 0, 0],
  [0.00003, 0, 1, 1, -2, 0],
  [0.00003, 0, 0, 2, 2, 0],
  [-0.00003, 0, 1, 1, 2, 0],
  [0.00003, 0, -1, 1, 2, 0],
  [-0.00002, 0, -1, 1, -2, 0],
  [-0.00002, 0, 1, 3, 0, 0],
  [0.00002, 0, 0, 4, 0, 0],
];

/** Planetary arguments (Meeus, additional corrections for all phases): [coefficient, A0, A per lunation, A per t²]. */
const PLANETARY_TERMS: readonly (readonly [number, number, number, number?])[] = [
  [0.000325, 299.77, 0.107408, -0.009173],
  [0.000165, 251.88, 0.016321],
  [0.000164, 251.83, 26.651886],
  [0.000126, 349.42, 36.412478],
  [0.00011, 84.66, 18.206239],
  [0.000062, 141.74, 53.303771],
  [0.00006, 207.14, 2.453732],
  [0.000056, 154.84, 7.30686],
  [0.000047, 34.52, 27.261239],
  [0.000042, 207.19, 0.121824],
  [0.00004, 291.34, 1.844379],
  [0.000037, 161.72, 24.198154],
  [0.000035, 239.56, 25.513099],
  [0.000023, 331.55, 3.592518],
];

/** Julian Ephemeris Day of new moon number k (k = 0 is the new moon of 2000-01-06). */
function newMoonJde(k: number): number {
  const t = k / 1236.85;
  const e = 1 - 0.002516 * t - 0.0000074 * t ** 2;
  const sunAnomaly = 2.5534 + 29.1053567 * k - 0.0000014 * t ** 2 - 0.00000011 * t ** 3;
  const moonAnomaly = 201.5643 + 385.81693528 * k + 0.0107582 * t ** 2 + 0.00001238 * t ** 3 - 0.000000058 * t ** 4;
  const latitude = 160.7108 + 390.67050284 * k - 0.0016118 * t ** 2 - 0.00000227 * t ** 3 + 0.000000011 * t ** 4;
  const node = 124.7746 - 1.56375588 * k + 0.0020672 * t ** 2 + 0.00000215 * t ** 3;

  let jde = NEW_MOON_EPOCH_JDE + SYNODIC_MONTH * k + 0.00015437 * t ** 2 - 0.00000015 * t ** 3 + 0.00000000073 * t ** 4;
  for (const [coefficient, ePower, m, mPrime, f, omega] of NEW_MOON_TERMS) {
    const argument = m * sunAnomaly + mPrime * moonAnomaly + f * latitude + omega * node;
    jde += coefficient * e ** ePower * sinDeg(argument);
  }
  for (const [coefficient, a0, perLunation, perT2 = 0] of PLANETARY_TERMS) {
    jde += coefficient * sinDeg(a0 + perLunation * k + perT2 * t ** 2);
  }
  return jde;
}

/**
 * Periodic terms of the Earth's heliocentric longitude (VSOP87, as truncated in Meeus appendix III), series L0 … L5,
 * each term [A, B, C] contributing A·cos(B + C·τ)·τⁿ, in 10⁻⁸ radians, τ in Julian millennia from J2000.
 */
// prettier-ignore
const EARTH_LONGITUDE: readonly (readonly (readonly [number, number, number])[])[] = [
  [
    [175347046, 0, 0], [3341656, 4.6692568, 6283.07585], [34894, 4.6261, 12566.1517], [3497, 2.7441, 5753.3849],
    [3418, 2.8289, 3.5231], [3136, 3.6277, 77713.7715], [2676, 4.4181, 7860.4194], [2343, 6.1352, 3930.2097],
    [1324, 0.7425, 11506.7698], [1273, 2.0371, 529.691], [1199, 1.1096, 1577.3435], [990, 5.233, 5884.927],
    [902, 2.045, 26.298], [857, 3.508, 398.149], [780, 1.179, 5223.694], [753, 2.533, 5507.553],
    [505, 4.583, 18849.228], [492, 4.205, 775.523], [357, 2.92, 0.067], [317, 5.849, 11790.629],
    [284, 1.899, 796.298], [271, 0.315, 10977.079], [243, 0.345, 5486.778], [206, 4.806, 2544.314],
    [205, 1.869, 5573.143], [202, 2.458, 6069.777], [156, 0.833, 213.299], [132, 3.411, 2942.463],
    [126, 1.083, 20.775], [115, 0.645, 0.98], [103, 0.636, 4694.003], [102, 0.976, 15720.839],
    [102, 4.267, 7.114], [99, 6.21, 2146.17], [98, 0.68, 155.42], [86, 5.98, 161000.69],
    [85, 1.3, 6275.96], [85, 3.67, 71430.7], [80, 1.81, 17260.15], [79, 3.04, 12036.46],
    [75, 1.76, 5088.63], [74, 3.5, 3154.69], [74, 4.68, 801.82], [70, 0.83, 9437.76],
    [62, 3.98, 8827.39], [61, 1.82, 7084.9], [57, 2.78, 6286.6], [56, 4.39, 14143.5],
    [56, 3.47, 6279.55], [52, 0.19, 12139.55], [52, 1.33, 1748.02], [51, 0.28, 5856.48],
    [49, 0.49, 1194.45], [41, 5.37, 8429.24], [41, 2.4, 19651.05], [39, 6.17, 10447.39],
    [37, 6.04, 10213.29], [37, 2.57, 1059.38], [36, 1.71, 2352.87], [36, 1.78, 6812.77],
    [33, 0.59, 17789.85], [30, 0.44, 83996.85], [30, 2.74, 1349.87], [25, 3.16, 4690.48],
  ],
  [
    [628331966747, 0, 0], [206059, 2.678235, 6283.07585], [4303, 2.6351, 12566.1517], [425, 1.59, 3.523],
    [119, 5.796, 26.298], [109, 2.966, 1577.344], [93, 2.59, 18849.23], [72, 1.14, 529.69],
    [68, 1.87, 398.15], [67, 4.41, 5507.55], [59, 2.89, 5223.69], [56, 2.17, 155.42],
    [45, 0.4, 796.3], [36, 0.47, 775.52], [29, 2.65, 7.11], [21, 5.34, 0.98],
    [19, 1.85, 5486.78], [19, 4.97, 213.3], [17, 2.99, 6275.96], [16, 0.03, 2544.31],
    [16, 1.43, 2146.17], [15, 1.21, 10977.08], [12, 2.83, 1748.02], [12, 3.26, 5088.63],
    [12, 5.27, 1194.45], [12, 2.08, 4694], [11, 0.77, 553.57], [10, 1.3, 6286.6],
    [10, 4.24, 1349.87], [9, 2.7, 242.73], [9, 5.64, 951.72], [8, 5.3, 2352.87],
    [6, 2.65, 9437.76], [6, 4.67, 4690.48],
  ],
  [
    [52919, 0, 0], [8720, 1.0721, 6283.0758], [309, 0.867, 12566.152], [27, 0.05, 3.52],
    [16, 5.19, 26.3], [16, 3.68, 155.42], [10, 0.76, 18849.23], [9, 2.06, 77713.77],
    [7, 0.83, 775.52], [5, 4.66, 1577.34], [4, 1.03, 7.11], [4, 3.44, 5573.14],
    [3, 5.14, 796.3], [3, 6.05, 5507.55], [3, 1.19, 242.73], [3, 6.12, 529.69],
    [3, 0.31, 398.15], [3, 2.28, 553.57], [2, 4.38, 5223.69], [2, 3.75, 0.98],
  ],
  [
    [289, 5.844, 6283.076], [35, 0, 0], [17, 5.49, 12566.15], [3, 5.2, 155.42],
    [1, 4.72, 3.52], [1, 5.3, 18849.23], [1, 5.97, 242.73],
  ],
  [
    [114, 3.142, 0], [8, 4.13, 6283.08], [1, 3.84, 12566.15],
  ],
  [
    [1, 3.14, 0],
  ],
];

/** The sun's apparent geocentric longitude in degrees, [0, 360), at a Julian Ephemeris Day (Meeus ch. 25). */
function sunLongitude(jde: number): number {
  const tau = (jde - 2_451_545) / 365_250;
  let heliocentric = 0;
  EARTH_LONGITUDE.forEach((series, power) => {
    const sum = series.reduce((total, [a, b, c]) => total + a * Math.cos(b + c * tau), 0);
    heliocentric += sum * tau ** power;
  });
  const t = tau * 10;
  const node = 125.04452 - 1934.136261 * t;
  const sunMean = 280.4665 + 36000.7698 * t;
  const moonMean = 218.3165 + 481267.8813 * t;
  const nutation = -17.2 * sinDeg(node) - 1.32 * sinDeg(2 * sunMean) - 0.23 * sinDeg(2 * moonMean) + 0.21 * sinDeg(2 * node);
  const anomaly = 357.52911 + 35999.05029 * t;
  const eccentricity = 0.016708634 - 0.000042037 * t;
  const distance =
    (1.000001018 * (1 - eccentricity ** 2)) /
    (1 + eccentricity * Math.cos(((anomaly + 1.914602 * sinDeg(anomaly)) * Math.PI) / 180));
  const fk5 = -0.09033;
  const aberration = -20.4898 / distance;
  const geometric = (heliocentric / 1e8) * (180 / Math.PI) + 180;
  const apparent = geometric + (fk5 + nutation + aberration) / 3600;
  return ((apparent % 360) + 360) % 360;
}

function decimalYear(julianDay: number): number {
  return 2000 + (julianDay - 2_451_545) / 365.25;
}

/** Local day number on which new moon k falls. */
function newMoonDay(k: number): number {
  const jde = newMoonJde(k);
  const universal = jde - deltaT(decimalYear(jde)) - UNIX_EPOCH_JD;
  const day = Math.floor(universal + UTC7_OFFSET);
  return day >= UTC7_FIRST_DAY ? day : Math.floor(universal + UTC8_OFFSET);
}

/** Which 30° sector of longitude (0 … 11) the sun is in at local midnight starting a day. */
function sunSector(day: number): number {
  const universal = day + UNIX_EPOCH_JD - (day >= UTC7_FIRST_DAY ? UTC7_OFFSET : UTC8_OFFSET);
  return Math.floor(sunLongitude(universal + deltaT(decimalYear(universal))) / 30);
}

/** Number of the new moon that starts the lunar month containing a day. */
function lunationContaining(day: number): number {
  let k = Math.floor((day + UNIX_EPOCH_JD - NEW_MOON_EPOCH_JDE) / SYNODIC_MONTH);
  while (newMoonDay(k + 1) <= day) k += 1;
  while (newMoonDay(k) > day) k -= 1;
  return k;
}

/** The lunation of month 11: the month containing the December solstice (sun at 270°, sector 9) of a year. */
function month11Lunation(year: number): number {
  const k = lunationContaining(toDayNumber(`${year}-12-31`));
  return sunSector(newMoonDay(k)) >= 9 ? k - 1 : k;
}

interface LunarMonth {
  readonly start: number;
  readonly end: number;
  readonly year: number;
  readonly month: number;
  readonly leap: boolean;
}

/** Safe in workflow code: the months depend on the year alone. */
const monthsCache = new Map<number, readonly LunarMonth[]>();

/**
 * The months from month 11 before `year`'s Tết up to the next month 11: months 11 and 12 of year − 1, then months
 * 1 … 10 of `year`, plus a leap month when 13 new moons fall in the span.
 */
function monthsBetweenSolstices(year: number): readonly LunarMonth[] {
  let months = monthsCache.get(year);
  if (!months) {
    months = computeMonthsBetweenSolstices(year);
    monthsCache.set(year, months);
  }
  return months;
}

function computeMonthsBetweenSolstices(year: number): LunarMonth[] {
  const first = month11Lunation(year - 1);
  const count = month11Lunation(year) - first;
  const starts = Array.from({ length: count + 1 }, (_, i) => newMoonDay(first + i));
  const hasMajorTerm = (i: number): boolean => sunSector(starts[i]) !== sunSector(starts[i + 1]);
  let leapIndex = -1;
  if (count === 13) {
    leapIndex = 1;
    while (hasMajorTerm(leapIndex)) leapIndex += 1;
  }
  const months: LunarMonth[] = [];
  let month = 10;
  for (let i = 0; i < count; i++) {
    const leap = i === leapIndex;
    if (!leap) month = (month % 12) + 1;
    months.push({ start: starts[i], end: starts[i + 1], year: month >= 11 ? year - 1 : year, month, leap });
  }
  return months;
}

/** Solar dates from FIRST_YEAR to LAST_YEAR; lunar years one earlier too, as January 1900 is in lunar year 1899. */
function checkYear(year: number, first = FIRST_YEAR): void {
  if (!Number.isInteger(year) || year < first || year > LAST_YEAR) {
    throw new RangeError(`the lunar calendar is computed for ${FIRST_YEAR}–${LAST_YEAR} only: ${year}`);
  }
}

export function solarToLunar(date: string): LunarDate {
  const day = toDayNumber(date);
  const year = Number(date.slice(0, 4));
  checkYear(year);
  // Month 11 before this year's Tết starts in November or December of the year before, so these two spans cover the year.
  const month = [...monthsBetweenSolstices(year), ...monthsBetweenSolstices(year + 1)].find((m) => m.start <= day && day < m.end);
  if (!month) throw new Error(`no lunar month contains ${date}`);
  return { year: month.year, month: month.month, day: day - month.start + 1, leap: month.leap };
}

export function lunarToSolar(date: LunarDate): string {
  const { year, month, day, leap } = date;
  checkYear(year, FIRST_YEAR - 1);
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 30) {
    throw new RangeError(`not a lunar date: ${JSON.stringify(date)}`);
  }
  const found = monthsBetweenSolstices(month >= 11 ? year + 1 : year).find(
    (m) => m.year === year && m.month === month && m.leap === leap,
  );
  if (!found) throw new RangeError(`lunar year ${year} has no ${leap ? 'leap ' : ''}month ${month}`);
  if (day > found.end - found.start) {
    throw new RangeError(`lunar month ${month}${leap ? ' (leap)' : ''} of ${year} has ${found.end - found.start} days`);
  }
  const solar = fromDayNumber(found.start + day - 1);
  checkYear(Number(solar.slice(0, 4)));
  return solar;
}
