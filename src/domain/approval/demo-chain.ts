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

/**
 * The other steps of the cycle as chains, for a province that wants every approval to run through the engine
 * (rules.approvalChains; see src/shared/rules.ts). Their time limits are not fixed by law: 5 working days for the
 * Trưởng khối's review and 3 for the completeness check are demo values (say so in the rule set's basis if used).
 *
 * - selfAssessment: the unit's own head approves the sheet its focal person submitted, then the Trưởng khối in office
 *   reviews it (domain.md §1: tự chấm điểm, Trưởng khối thẩm định điểm). Two returns at most, then rejected.
 * - dossierReview: a specialist of the board checks the dossier for completeness (tiếp nhận, kiểm tra hồ sơ) before
 *   the appraisal's working-day limit starts.
 * - leadershipApproval: the head of the board approves each elected seat (ELECTED_THEN_APPROVED, Hưng Yên QĐ
 *   64/QĐ-SLĐTBXH, domain.md §2.1); no return: a seat not approved is designated by decision.
 */
export const CYCLE_STEP_CHAINS = {
  selfAssessment: {
    code: 'PHE_DUYET_TU_CHAM_DIEM',
    name: 'Phê duyệt bảng tự chấm điểm',
    levels: [
      {
        code: 'THU_TRUONG',
        name: 'Thủ trưởng đơn vị phê duyệt bảng tự chấm điểm',
        approvers: { role: Role.UNIT_HEAD, scope: 'SUBJECT_UNIT', label: 'Thủ trưởng đơn vị' },
        mode: LevelMode.ANY,
      },
      {
        code: 'TRUONG_KHOI',
        name: 'Trưởng khối xem xét bảng tự chấm điểm',
        approvers: { role: 'BLOC_LEADER', label: 'Trưởng khối thi đua' },
        mode: LevelMode.ANY,
        due: { workingDays: 5 },
        remindBefore: [{ workingDays: 1 }],
      },
    ],
    maxReturnRounds: 2,
    afterMaxRounds: 'REJECT',
  },
  dossierReview: {
    code: 'KIEM_TRA_HO_SO',
    name: 'Kiểm tra tính đầy đủ của hồ sơ đề nghị khen thưởng',
    levels: [
      {
        code: 'CHUYEN_VIEN',
        name: 'Chuyên viên Phòng Thi đua – Khen thưởng kiểm tra hồ sơ',
        approvers: { role: Role.BOARD_SPECIALIST, label: 'Chuyên viên Phòng Thi đua – Khen thưởng, Sở Nội vụ' },
        mode: LevelMode.ANY,
        due: { workingDays: 3 },
        escalation: { after: { workingDays: 1 }, to: Role.BOARD_HEAD },
      },
    ],
    maxReturnRounds: 2,
    afterMaxRounds: 'REJECT',
  },
  leadershipApproval: {
    code: 'PHE_DUYET_TRUONG_PHO_KHOI',
    name: 'Phê duyệt Trưởng khối, Phó khối được bầu',
    levels: [
      {
        code: 'TRUONG_PHONG',
        name: 'Trưởng phòng Thi đua – Khen thưởng phê duyệt',
        approvers: { role: Role.BOARD_HEAD, label: 'Trưởng phòng Thi đua – Khen thưởng' },
        mode: LevelMode.ANY,
      },
    ],
    maxReturnRounds: 0,
    afterMaxRounds: 'REJECT',
  },
} satisfies Record<'selfAssessment' | 'dossierReview' | 'leadershipApproval', ChainDefinition>;
