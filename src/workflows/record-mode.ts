/** patched() id of RECORD cycles (a past year entered afterwards): the cycle and its assessment children check it. */
export const PATCH_RECORD_MODE = 'record-mode';
