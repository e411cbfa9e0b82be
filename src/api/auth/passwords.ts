import { Algorithm, hash, verify } from '@node-rs/argon2';
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

/** At least 10 characters with a letter and a digit; at most 200 (argon2 would take anything, a form should not). */
export function checkPasswordPolicy(password: string): void {
  const problems: string[] = [];
  if ([...password].length < 10) problems.push('at least 10 characters');
  if ([...password].length > 200) problems.push('at most 200 characters');
  if (!/\p{L}/u.test(password)) problems.push('a letter');
  if (!/\p{N}/u.test(password)) problems.push('a digit');
  if (problems.length > 0) throw new DomainException(ErrorCode.WEAK_PASSWORD, `password needs ${problems.join(', ')}`);
}
