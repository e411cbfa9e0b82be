import { Role } from '../../../src/shared/actors';
import type { ChainDefinition } from '../../../src/shared/approval';

/** The appraisal of S1's dossier as an approval chain (a province's rule-set option): specialist, board head, council. */
export const S1_APPRAISAL_CHAIN: ChainDefinition = {
  code: 'THAM_DINH_BK',
  name: 'Thẩm định hồ sơ đề nghị khen thưởng (Bắc Kạn)',
  levels: [
    {
      code: 'CHUYEN_VIEN',
      name: 'Chuyên viên thẩm định',
      approvers: { role: Role.BOARD_SPECIALIST, label: 'Chuyên viên' },
      mode: 'ANY',
      due: { workingDays: 5 },
    },
    {
      code: 'TRUONG_PHONG',
      name: 'Trưởng phòng duyệt',
      approvers: { role: Role.BOARD_HEAD, label: 'Trưởng phòng' },
      mode: 'ANY',
    },
    {
      code: 'HOI_DONG',
      name: 'Hội đồng TĐKT tỉnh',
      approvers: { role: Role.COUNCIL_MEMBER, label: 'Thành viên Hội đồng' },
      mode: 'QUORUM',
      quorum: { count: 3 },
    },
  ],
  maxReturnRounds: 2,
  afterMaxRounds: 'REJECT',
} as ChainDefinition;
