import { useState } from 'preact/hooks';
import { decideChain } from '../api/endpoints';
import type { ApprovalDecision } from '../api/types';
import { useAction } from '../lib/hooks';
import { ReasonForm } from './reason-form';
import { ItemPicker } from './item-picker';
import { ActionStatus, Button } from './ui';

/** Decide line items of an approval chain: agree, return with a reason, or reject with a reason (keyed by the items shown). */
export function ChainDecision({
  chainId,
  items,
  onDone,
}: {
  chainId: string;
  items: { itemId: string; title: string }[];
  onDone: () => unknown;
}) {
  const [chosen, setChosen] = useState<string[]>(items.map((i) => i.itemId));
  const [asking, setAsking] = useState<'RETURN' | 'REJECT' | null>(null);
  const action = useAction(
    (decision: ApprovalDecision, reason?: string) =>
      decideChain(chainId, { decision, itemIds: chosen, ...(reason ? { reason } : {}) }),
    { success: 'Đã ghi nhận ý kiến.', after: onDone },
  );
  return (
    <div class="chain-decision">
      <ItemPicker legend="Nội dung quyết định" items={items} chosen={chosen} onChange={setChosen} />
      {asking ? (
        <ReasonForm
          label={asking === 'RETURN' ? 'Lý do trả lại' : 'Lý do không đồng ý'}
          confirmLabel={asking === 'RETURN' ? 'Xác nhận trả lại' : 'Xác nhận không đồng ý'}
          busy={action.busy}
          onCancel={() => setAsking(null)}
          onSubmit={(reason) => void action.run(asking, reason).then((ok) => ok && setAsking(null))}
        />
      ) : (
        <div class="actions">
          <Button busy={action.busy} disabled={chosen.length === 0} onClick={() => void action.run('APPROVE')}>
            Đồng ý
          </Button>
          <Button kind="secondary" disabled={chosen.length === 0} onClick={() => setAsking('RETURN')}>
            Trả lại
          </Button>
          <Button kind="danger" disabled={chosen.length === 0} onClick={() => setAsking('REJECT')}>
            Không đồng ý
          </Button>
        </div>
      )}
      <ActionStatus action={action} />
    </div>
  );
}
