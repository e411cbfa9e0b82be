import { Algorithm, hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type * as Common from '@zxcvbn-ts/language-common';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from '../common/domain.exception';

/** argon2id with the OWASP-recommended minimum (19 MiB, 2 iterations, 1 lane); the PHC string keeps the parameters. */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), OPTIONS);
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** Compared against when the username is unknown, so that answering takes as long as for a real account. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy password that matches nothing 0');
  return decoy;
}

let strength: ZxcvbnFactory | undefined;
/** zxcvbn with its common-password dictionary (lists of breached and frequent passwords), built on first use. */
function estimator(): ZxcvbnFactory {
  if (!strength) {
    // The dictionaries are required here, not at start-up: only setting a password needs them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const common = require('@zxcvbn-ts/language-common') as typeof Common;
    strength = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  }
  return strength;
}

/** The lowest zxcvbn score accepted (3: "safely unguessable", about 10^8 guesses and more). */
const MIN_SCORE = 3;

export interface PasswordOwner {
  username: string;
  displayName?: string;
}

/**
 * At least 10 characters with a letter and a digit, at most 200 (argon2 would take anything, a form should not);
 * not a known-breached or common password nor a near variant of one, and not derived from the username or the
 * person's name (zxcvbn score at least 3 with them as user inputs). Refused with 422 WEAK_PASSWORD and the reason.
 */
export function checkPasswordPolicy(password: string, owner: PasswordOwner): void {
  const problems: string[] = [];
  const reasons: string[] = [];
  const length = [...password].length;
  if (length < 10) problems.push('at least 10 characters');
  if (length > 200) problems.push('at most 200 characters');
  if (!/\p{L}/u.test(password)) problems.push('a letter');
  if (!/\p{N}/u.test(password)) problems.push('a digit');
  if (length < 10) reasons.push('cần ít nhất 10 ký tự');
  if (length > 200) reasons.push('không quá 200 ký tự');
  if (!/\p{L}/u.test(password) || !/\p{N}/u.test(password)) reasons.push('cần có cả chữ và số');
  if (problems.length > 0) {
    throw new DomainException(ErrorCode.WEAK_PASSWORD, `password needs ${problems.join(', ')}`, {
      messageVi: `Mật khẩu quá yếu: ${reasons.join(', ')}.`,
    });
  }
  const folded = (text: string) => text.normalize('NFC').toLowerCase();
  // Contained whole: the username or the full name (spaces removed); their parts weigh in through zxcvbn only.
  const names = [owner.username, (owner.displayName ?? '').replace(/\s+/g, '')].map(folded).filter((n) => n.length >= 3);
  const parts = [owner.username, owner.displayName ?? '']
    .flatMap((n) => folded(n).split(/[^\p{L}\p{N}]+/u))
    .filter((n) => n.length >= 3);
  const userInputs = [...names, ...parts];
  const lower = folded(password);
  if (names.some((n) => lower.includes(n) || n.includes(lower))) {
    throw new DomainException(ErrorCode.WEAK_PASSWORD, 'password contains the username or the name', {
      messageVi: 'Mật khẩu quá yếu: không được chứa tên đăng nhập hoặc họ tên.',
    });
  }
  const result = estimator().check(password.normalize('NFC'), userInputs);
  if (result.score >= MIN_SCORE) return;
  const warning = result.feedback.warning ?? '';
  if (warning === 'userInputs') {
    throw new DomainException(ErrorCode.WEAK_PASSWORD, 'password is derived from the username or the name', {
      messageVi: 'Mật khẩu quá yếu: được suy ra từ tên đăng nhập hoặc họ tên.',
    });
  }
  const isCommon = /common|Common|topTen|topHundred|similarToCommon/.test(warning);
  throw new DomainException(
    ErrorCode.WEAK_PASSWORD,
    isCommon ? `password is a common or breached password (${warning})` : `password is easy to guess (${warning || 'low score'})`,
    {
      messageVi: isCommon
        ? 'Mật khẩu quá yếu: nằm trong (hoặc gần giống) danh sách mật khẩu phổ biến, đã bị lộ.'
        : 'Mật khẩu quá yếu: dễ đoán (chuỗi phím liền nhau, lặp lại, ngày tháng hoặc từ thông dụng).',
    },
  );
}
