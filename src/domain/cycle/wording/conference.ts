import type { Wording } from './types';

/** The conference's entries: attendance, the ballot's rounds, ties, the result. */
export const conferenceWording: Wording = {};
