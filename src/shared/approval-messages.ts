/**
 * Update and query definitions of the approval-chain workflow, shared by the workflow and the API.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BulkCommand, BulkItemResult, ChainCommand, ChainState, ReassignCommand } from './approval';

/** Approve, reject, return, comment, attach evidence, withdraw, resubmit. */
export const chainCommandUpdate = defineUpdate<ChainState, [ChainCommand]>('chainCommand');
/** Many decisions at once: one result per item, a refusal never blocks the others. */
export const chainBulkUpdate = defineUpdate<{ state: ChainState; results: BulkItemResult[] }, [BulkCommand]>('chainBulk');
export const chainReassignUpdate = defineUpdate<ChainState, [ReassignCommand]>('chainReassign');
export const chainStateQuery = defineQuery<ChainState>('chainState');
