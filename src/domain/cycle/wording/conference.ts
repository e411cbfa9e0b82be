import { AWARD_TYPES, type AwardType } from '../../../shared/rules';
import type { BallotItems, OpenTie } from '../../ballot-rounds';
import { nameOf, namesOf, type Wording } from './types';

type AwardNames = Partial<Record<AwardType, string>>;

const awardNamesOf = (data: Record<string, unknown>): AwardNames => data.awardNames ?? {};

/** A ballot item as people name it: the elections by their seat, an award by its display name in the rules. */
const itemName = (item: OpenTie['item'], names: AwardNames): string =>
  item === 'LEADER' ? 'Trưởng khối' : item === 'DEPUTY' ? 'Phó khối' : (names[item] ?? item);

const awardsIn = (candidates: BallotItems['candidates']): AwardType[] =>
  AWARD_TYPES.filter((a) => (candidates[a] ?? []).length > 0);

/** What a round votes on, award by award, then the elections. */
function describeItems(items: BallotItems, names: AwardNames, view: Parameters<Wording[string]>[1]): string {
  return [
    ...awardsIn(items.candidates).map(
      (a) => `${itemName(a, names)} (${items.slots[a] ?? 0} suất): ${namesOf(view, items.candidates[a])}`,
    ),
    ...(items.leaderCandidates.length > 0 ? [`Trưởng khối: ${namesOf(view, items.leaderCandidates)}`] : []),
    ...(items.deputyCandidates.length > 0 ? [`Phó khối: ${namesOf(view, items.deputyCandidates)}`] : []),
  ].join('; ');
}

/** The conference's entries: attendance, the ballot's rounds, ties, the result. */
export const conferenceWording: Wording = {
  CONFERENCE_OPENED: (data, view) =>
    `Khai mạc hội nghị tổng kết ngày ${view.conference?.heldOn ?? ''}: ${(data.present as unknown[]).length}/${view.units.length} đơn vị dự, đủ điều kiện biểu quyết`,
  BALLOT_OPENED: (data, view) => {
    const candidates = data.candidates as BallotItems['candidates'];
    const names = awardNamesOf(data);
    const list = awardsIn(candidates)
      .map((a) => `${itemName(a, names)}: ${namesOf(view, candidates[a])}`)
      .join('; ');
    return `Mở bỏ phiếu ${data.secretBallot ? 'kín ' : ''}suy tôn. ${list}`;
  },
  BALLOT_CAST: (_data, view, actor) => `${nameOf(view, actor?.unitCode)} đã bỏ phiếu (vòng ${view.ballot?.round ?? ''})`,
  BALLOT_NEXT_ROUND: (data, view) => {
    const round = data.round as number;
    return `Kết quả vòng ${round - 1} có số phiếu bằng nhau; bỏ phiếu vòng ${round}: ${describeItems(data.items as BallotItems, awardNamesOf(data), view)}`;
  },
  BALLOT_RESTARTED: (data) =>
    `Bỏ phiếu lại vòng ${String(data.round)} (hủy ${String(data.discarded)} phiếu chưa kiểm): ${String(data.reason)}`,
  BALLOT_TIE_UNRESOLVED: (data, view) => {
    const tie = data.tie as OpenTie;
    return `Sau ${view.ballot?.round ?? ''} vòng vẫn bằng phiếu (${itemName(tie.item, awardNamesOf(data))}: ${namesOf(view, tie.tied)}); Trưởng khối và Phó khối quyết định`;
  },
  TIE_PROPOSED: (data, view) =>
    `Trưởng khối đề xuất ${namesOf(view, data.chosen)} (${itemName(data.item as OpenTie['item'], awardNamesOf(data))})`,
  TIE_DECIDED: (data, view) =>
    `Trưởng khối và Phó khối quyết định ${namesOf(view, data.chosen)} (${itemName(data.item as OpenTie['item'], awardNamesOf(data))})`,
  BALLOT_CLOSED: (data, view) => {
    const awarded = view.nominees.map((n) => `${n.awardName ?? n.award}: ${nameOf(view, n.unitCode)}`).join('; ');
    return `Kết quả kiểm phiếu: ${awarded || 'không có đơn vị đạt'}. Bầu ${nameOf(view, data.nextLeader)} làm Trưởng khối, ${nameOf(
      view,
      data.nextDeputy,
    )} làm Phó khối năm ${view.year + 1}`;
  },
};
