import { Role } from '../../shared/actors';
import { type ChainDefinition, LevelMode } from '../../shared/approval';

/**
 * The provincial appraisal of a bloc's nomination dossier (thẩm định hồ sơ đề nghị khen thưởng cấp tỉnh), as a demo
 * chain. The whole appraisal has 20 working days from a complete dossier (QĐ 638/QĐ-BNV 2025; domain.md §1.3); the
 * board's steps below use 5 + 3 of them and the Chairman 5, leaving the council, which meets in session, unbounded.
 *
 * HOI_DONG: domain.md §3.1 gives the provincial council's quorum as 2/3 of members and ≥ 80% present for award
 * sessions, absent members voting in writing (Bắc Ninh QĐ 86/2025/QĐ-UBND), and ≥ 80% of all members for flags in the
 * closest sector rule (TT 01/2024/TT-TANDTC Art. 29); §3.2 lists 0.5 only as an unconfirmed provincial option, "not
 * a default". So the council passes an item with the approval of 80% of its members, counted on all members, the same
 * value as DEFAULT_RULES.council.threshold. A silent member counts as not approving, which also covers attendance.
 */
export const PROVINCIAL_DOSSIER_APPRAISAL_CHAIN: ChainDefinition = {
  code: 'THAM_DINH_HO_SO_CAP_TINH',
  name: 'Thẩm định hồ sơ đề nghị khen thưởng cấp tỉnh',
  levels: [
    {
      code: 'CHUYEN_VIEN',
      name: 'Chuyên viên Phòng Thi đua – Khen thưởng thẩm định',
      approvers: { role: Role.BOARD_SPECIALIST, label: 'Chuyên viên Phòng Thi đua – Khen thưởng, Sở Nội vụ' },
      mode: LevelMode.ANY,
      due: { workingDays: 5 },
      remindBefore: [{ workingDays: 2 }],
      escalation: { after: { workingDays: 2 }, to: Role.BOARD_HEAD },
    },
    {
      code: 'TRUONG_PHONG',
      name: 'Trưởng phòng Thi đua – Khen thưởng duyệt kết quả thẩm định',
      approvers: { role: Role.BOARD_HEAD, label: 'Trưởng phòng Thi đua – Khen thưởng' },
      mode: LevelMode.ANY,
      due: { workingDays: 3 },
    },
    {
      code: 'HOI_DONG',
      name: 'Hội đồng Thi đua – Khen thưởng tỉnh xét',
      approvers: { role: Role.COUNCIL_MEMBER, label: 'Thành viên Hội đồng Thi đua – Khen thưởng tỉnh' },
      mode: LevelMode.QUORUM,
      quorum: { percent: 80 },
    },
    {
      code: 'CHU_TICH',
      name: 'Chủ tịch UBND tỉnh quyết định khen thưởng',
      approvers: { role: Role.CHAIRMAN, label: 'Chủ tịch Ủy ban nhân dân tỉnh' },
      mode: LevelMode.ANY,
      due: { workingDays: 5 },
    },
  ],
  maxReturnRounds: 2,
  afterMaxRounds: 'REJECT',
};
