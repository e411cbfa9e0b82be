import { setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { checkProvince } from '../domain/authorization';
import type { Actor } from '../shared/actors';
import { unsealed } from '../shared/command-seal';
import { enforce } from './refusal';
import { requireSealedUpdate } from './sealed';

export type OnUpdate = <Ret, Arg extends { actor: Actor }>(
  def: UpdateDefinition<Ret, [Arg]>,
  handler: (arg: Arg) => Promise<Ret>,
  options: { validator: (arg: Arg) => void },
) => void;

/**
 * setHandler for the workflow's one-argument updates, with the validator typed from the definition (the SDK's
 * overload leaves it untyped). Every validator first checks the API's seal (so the actor is one the API vouched for),
 * then that the actor's role reaches this province, then the step's own checks; a throw refuses the update and nothing
 * is written to history. The handler sees the command without its seal.
 */
export function scopedUpdates(provinceCode: string): OnUpdate {
  return (def, handler, options) => {
    setHandler(def, (arg) => handler(unsealed(arg)), {
      validator: (arg: unknown) => {
        requireSealedUpdate(def.name, arg);
        const cmd = arg as Parameters<typeof handler>[0];
        enforce(checkProvince(cmd.actor, provinceCode));
        options.validator(cmd);
      },
    });
  };
}
