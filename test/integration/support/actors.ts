import { Role } from '../../../src/shared/actors';

export type Headers = Record<string, string>;

export const as = {
  head: (unitCode: string): Headers => ({
    'x-user-id': `head.${unitCode}`,
    'x-user-role': Role.UNIT_HEAD,
    'x-unit-code': unitCode,
  }),
  focal: (unitCode: string): Headers => ({
    'x-user-id': `focal.${unitCode}`,
    'x-user-role': Role.UNIT_FOCAL,
    'x-unit-code': unitCode,
  }),
  specialist: (): Headers => ({ 'x-user-id': 'chuyenvien.tdkt', 'x-user-role': Role.BOARD_SPECIALIST }),
  boardHead: (): Headers => ({ 'x-user-id': 'truongphong.tdkt', 'x-user-role': Role.BOARD_HEAD }),
  chairman: (): Headers => ({ 'x-user-id': 'chutich.ubnd', 'x-user-role': Role.CHAIRMAN }),
  admin: (): Headers => ({ 'x-user-id': 'admin', 'x-user-role': Role.ADMIN }),
};
