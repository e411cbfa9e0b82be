import { useState } from 'preact/hooks';
import { getChain, resubmitChain } from '../api/endpoints';
import type { ChainItem, ChainItemStatus, ChainView } from '../api/types';
import { ChainDecision } from '../components/chain-decision';
import { EvidenceList } from '../components/score-table';
import {
  ActionStatus,
  Badge,
  Button,
  Checkbox,
  Empty,
  ErrorAlert,
  Loading,
  PageTitle,
  Section,
  TableWrap,
  TextArea,
} from '../components/ui';
import { formatDateTime } from '../lib/format';
import { useAction, useResource } from '../lib/hooks';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';

const ITEM_STATUS_LABELS: Record<ChainItemStatus, string> = {
  PENDING: 'Đang chờ ý kiến',
  RETURNED: 'Bị trả lại',
  APPROVED: 'Đã phê duyệt',
  REJECTED: 'Không được phê duyệt',
  WITHDRAWN: 'Đã rút',
  ESCALATED: 'Chuyển cấp có thẩm quyền',
};

/** Vietnamese labels of an approval chain's timeline (the same wording as the server's). */
const EVENT_LABELS: Record<string, string> = {
  CHAIN_SUBMITTED: 'Trình hồ sơ phê duyệt',
  LEVEL_ACTIVATED: 'Giao xử lý cấp phê duyệt',
  LEVEL_REOPENED: 'Mở lại cấp phê duyệt cho hồ sơ trình lại',
  VOTE_APPROVE: 'Đồng ý',
  VOTE_REJECT: 'Không đồng ý',
  LEVEL_PASSED: 'Chuyển cấp phê duyệt tiếp theo',
  ITEM_APPROVED: 'Phê duyệt',
  ITEM_REJECTED: 'Từ chối',
  ITEM_RETURNED: 'Trả lại để bổ sung, hoàn thiện',
  ITEM_ESCALATED: 'Chuyển cấp có thẩm quyền xem xét do trả lại quá số lần',
  ITEM_RESUBMITTED: 'Trình lại sau khi bổ sung',
  ITEM_WITHDRAWN: 'Rút hồ sơ',
  COMMENTED: 'Ý kiến',
  EVIDENCE_ATTACHED: 'Bổ sung tài liệu minh chứng',
  REASSIGNED: 'Giao lại người xử lý',
  REMINDER: 'Nhắc hạn xử lý',
  LEVEL_ESCALATED: 'Chuyển cấp do quá hạn xử lý',
  INCIDENT_OPENED: 'Sự cố: không có người xử lý',
  INCIDENT_RESOLVED: 'Khắc phục sự cố người xử lý',
  CHAIN_COMPLETED: 'Hoàn thành quy trình phê duyệt',
};

/** One approval chain: its line items and where each stands, who holds it now, what happened, and my decision. */
export function ChainPage({ chainId }: { chainId: string }) {
  const chain = useResource(() => getChain(chainId), [chainId], 10_000);
  const me = useSession().me;
  const [notice, setNotice] = useState('');
  const done = (message: string) => async () => {
    setNotice(message);
    await chain.reload();
  };
  return (
    <>
      <PageTitle sub={chain.data?.definition.name}>{chain.data?.subject.title ?? 'Hồ sơ phê duyệt'}</PageTitle>
      <div aria-live="polite">{notice ? <p class="alert alert-ok">{notice}</p> : null}</div>
      {!chain.data ? (
        chain.loading ? (
          <Loading />
        ) : (
          <ErrorAlert error={chain.error} />
        )
      ) : (
        <ChainBody
          chain={chain.data}
          username={me?.username}
          onDecided={done('Đã ghi nhận ý kiến.')}
          onResubmitted={done('Đã trình lại.')}
        />
      )}
    </>
  );
}

function ChainBody({
  chain,
  username,
  onDecided,
  onResubmitted,
}: {
  chain: ChainView;
  username?: string;
  onDecided: () => unknown;
  onResubmitted: () => unknown;
}) {
  const levelName = (i: number) => chain.definition.levels[i]?.name ?? '';
  const mine = chain.tasks.filter((t) => t.userId === username);
  const myItems = [...new Set(mine.flatMap((t) => t.itemIds))].map((id) => ({ itemId: id, title: chain.items[id]?.title ?? id }));
  const returned = chain.itemOrder.map((id) => chain.items[id]).filter((i): i is ChainItem => i?.status === 'RETURNED');
  return (
    <>
      <p>
        <Badge tone={chain.status === 'COMPLETE' ? 'ok' : 'info'}>
          {chain.status === 'COMPLETE' ? 'Đã hoàn thành' : 'Đang xử lý'}
        </Badge>{' '}
        Trình bởi {chain.submittedBy.displayName ?? chain.submittedBy.userId} lúc {formatDateTime(chain.submittedAt)}
        {chain.subject.cycleId ? (
          <>
            {' · '}
            <Link href={`/cycles/${encodeURIComponent(chain.subject.cycleId)}/board`}>Hồ sơ của chu kỳ thi đua</Link>
          </>
        ) : null}
      </p>
      {mine.length > 0 ? (
        <Section title={`Ý kiến của bạn (${mine[0].levelName})`}>
          <ChainDecision
            key={myItems.map((i) => i.itemId).join(',')}
            chainId={chain.chainId}
            items={myItems}
            onDone={onDecided}
          />
        </Section>
      ) : null}
      {returned.length > 0 && chain.submittedBy.userId === username ? (
        <ResubmitPanel
          key={returned.map((i) => i.itemId).join(',')}
          chainId={chain.chainId}
          items={returned}
          onDone={onResubmitted}
        />
      ) : null}
      <Section title="Nội dung phê duyệt">
        <TableWrap label="Nội dung phê duyệt">
          <table>
            <thead>
              <tr>
                <th scope="col">Nội dung</th>
                <th scope="col">Cấp</th>
                <th scope="col">Trạng thái</th>
                <th scope="col" class="num">
                  Vòng
                </th>
              </tr>
            </thead>
            <tbody>
              {chain.itemOrder.map((id) => {
                const item = chain.items[id];
                if (!item) return null;
                return (
                  <tr key={id}>
                    <th scope="row">{item.title}</th>
                    <td>{levelName(item.levelIndex)}</td>
                    <td>{ITEM_STATUS_LABELS[item.status]}</td>
                    <td class="num">{item.round}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
        {chain.tasks.length > 0 ? (
          <p>
            Đang chờ:{' '}
            {chain.tasks
              .map((t) => `${t.displayName ?? t.userId} (${t.levelName}${t.dueAt ? `, hạn ${formatDateTime(t.dueAt)}` : ''})`)
              .join('; ')}
          </p>
        ) : null}
      </Section>
      {chain.incidents.filter((i) => !i.resolvedAt).length > 0 ? (
        <Section title="Sự cố">
          <ul>
            {chain.incidents
              .filter((i) => !i.resolvedAt)
              .map((i) => (
                <li key={i.incidentId}>
                  {formatDateTime(i.openedAt)}: cấp {i.levelCode} – {i.detail}
                </li>
              ))}
          </ul>
        </Section>
      ) : null}
      {chain.evidence.length > 0 ? (
        <Section title="Tài liệu minh chứng">
          <EvidenceList refs={chain.evidence.map((e) => e.url)} />
        </Section>
      ) : null}
      <Section title="Diễn biến">
        {chain.log.length === 0 ? (
          <Empty>Chưa có diễn biến.</Empty>
        ) : (
          <ol class="timeline">
            {chain.log.map((e) => (
              <li key={e.seq}>
                <time>{formatDateTime(e.at)}</time> <strong>{EVENT_LABELS[e.type] ?? e.type}</strong>
                {e.actor ? ` – ${e.actor.displayName ?? e.actor.userId}` : ''}
                {e.actingFor ? ` (thay mặt ${e.actingFor.displayName ?? e.actingFor.userId})` : ''}
                {e.itemIds?.length ? `: ${e.itemIds.map((id) => chain.items[id]?.title ?? id).join('; ')}` : ''}
                {e.reason ? <span class="reason"> Lý do: {e.reason}</span> : null}
                {e.text ? <span class="reason"> {e.text}</span> : null}
              </li>
            ))}
          </ol>
        )}
      </Section>
    </>
  );
}

const lastReturn = (item: ChainItem) => [...item.outcomes].reverse().find((o) => o.decision === 'RETURN');

/** The submitter answers a return: supplements, then resubmits the returned items (they start again at the first level). */
function ResubmitPanel({ chainId, items, onDone }: { chainId: string; items: ChainItem[]; onDone: () => unknown }) {
  const [chosen, setChosen] = useState<string[]>(items.map((i) => i.itemId));
  const [note, setNote] = useState('');
  const action = useAction(() => resubmitChain(chainId, { itemIds: chosen, ...(note.trim() ? { note: note.trim() } : {}) }), {
    success: 'Đã trình lại; nội dung được xem xét lại từ cấp đầu.',
    after: onDone,
  });
  return (
    <Section title="Nội dung bị trả lại">
      <ul>
        {items.map((i) => (
          <li key={i.itemId}>
            <Checkbox
              label={
                <>
                  {i.title}
                  {lastReturn(i) ? (
                    <span class="reason">
                      Trả lại bởi {lastReturn(i)?.displayName ?? lastReturn(i)?.userId}: {lastReturn(i)?.reason}
                    </span>
                  ) : null}
                </>
              }
              checked={chosen.includes(i.itemId)}
              onChange={(on) => setChosen((all) => (on ? [...all, i.itemId] : all.filter((x) => x !== i.itemId)))}
            />
          </li>
        ))}
      </ul>
      <TextArea label="Nội dung đã bổ sung" value={note} onValue={setNote} rows={2} />
      <Button busy={action.busy} disabled={chosen.length === 0} onClick={() => void action.run()}>
        Trình lại
      </Button>
      <ActionStatus action={action} />
    </Section>
  );
}
