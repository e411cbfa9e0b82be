import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Typed search attributes: non-personal facts only, since search attributes are not encrypted. */
export const PROVINCE_SA = defineSearchAttributeKey('ThiduaProvince', SearchAttributeType.KEYWORD);
export const BLOC_SA = defineSearchAttributeKey('ThiduaBloc', SearchAttributeType.KEYWORD);
export const YEAR_SA = defineSearchAttributeKey('ThiduaYear', SearchAttributeType.INT);
export const PHASE_SA = defineSearchAttributeKey('ThiduaPhase', SearchAttributeType.KEYWORD);
