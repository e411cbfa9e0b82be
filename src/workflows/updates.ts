import { setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';

/**
 * setHandler for one-argument updates, with the validator typed from the definition (the SDK's overload
 * leaves the validator's argument untyped). The validator runs first; a throw refuses the update and
 * nothing is written to history.
 */
export function onUpdate<Ret, Arg>(
  def: UpdateDefinition<Ret, [Arg]>,
  handler: (arg: Arg) => Promise<Ret>,
  options: { validator: (arg: Arg) => void },
): void {
  setHandler(def, handler, { validator: options.validator });
}
