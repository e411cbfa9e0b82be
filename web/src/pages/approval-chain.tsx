import { useState } from 'preact/hooks';
import { attachChainEvidence, commentChain, getChain, resubmitChain, withdrawChain } from '../api/endpoints';
import type { ChainItem, ChainItemStatus, ChainView } from '../api/types';
import { ChainDecision } from '../components/chain-decision';
import { ItemPicker, type ItemRef } from '../components/item-picker';
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
  TextField,
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
          onChanged={chain.reload}
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
  onChanged,
}: {
  chain: ChainView;
  username?: string;
  onDecided: () => unknown;
  onResubmitted: () => unknown;
  onChanged: () => unknown;
}) {
  const isSubmitter = chain.submittedBy.userId === username;
  const participant = isSubmitter || chain.tasks.some((t) => t.userId === username);
  const allItems = chain.itemOrder.map((id) => ({ itemId: id, title: chain.items[id]?.title ?? id }));
  const pending = chain.itemOrder.map((id) => chain.items[id]).filter((i): i is ChainItem => i?.status === 'PENDING');
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
      {pending.length > 0 && isSubmitter ? (
        <WithdrawPanel key={pending.map((i) => i.itemId).join(',')} chainId={chain.chainId} items={pending} onDone={onChanged} />
      ) : null}
      {participant && chain.status !== 'COMPLETE' ? (
        <Section title="Ý kiến và tài liệu minh chứng">
          <CommentForm chainId={chain.chainId} items={allItems} onDone={onChanged} />
          <EvidenceForm chainId={chain.chainId} items={allItems} onDone={onChanged} />
        </Section>
      ) : null}
      {returned.length > 0 && isSubmitter ? (
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
          <ul class="evidence">
            {chain.evidence.map((e, i) => (
              <li key={`${e.seq}-${i}`}>
                <a href={e.url} target="_blank" rel="noopener noreferrer">
                  {e.title}
                </a>{' '}
                <span class="muted">
                  ({e.addedBy}, {formatDateTime(e.at)}
                  {e.itemIds?.length ? `; về: ${e.itemIds.map((id) => chain.items[id]?.title ?? id).join('; ')}` : ''})
                </span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section title="Diễn biến">
        {chain.log.length === 0 ? (
          <Empty>Chưa có diễn biến.</Empty>
        ) : (
          <ol class="timeline">
            {chain.log.map((e) => (
              <li key={e.seq}>
                <time>{formatDateTime(e.at)}</time> <strong>{e.label}</strong>
                {e.actor ? ` – ${e.actor.displayName ?? e.actor.userId}` : ''}
                {e.actingFor ? ` (thay mặt ${e.actingFor.displayName ?? e.actingFor.userId})` : ''}
                {e.itemIds?.length ? `: ${e.itemIds.map((id) => chain.items[id]?.title ?? id).join('; ')}` : ''}
                {e.reason ? <span class="reason"> Lý do: {e.reason}</span> : null}
                {e.text ? <span class="reason"> {e.text}</span> : null}
                {e.references?.length ? (
                  <span class="reason">
                    {' '}
                    Tài liệu:{' '}
                    {e.references.map((r, i) => (
                      <span key={i}>
                        {i > 0 ? '; ' : ''}
                        <a href={r.url} target="_blank" rel="noopener noreferrer">
                          {r.title}
                        </a>
                      </span>
                    ))}
                  </span>
                ) : null}
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

/** A comment of the submitter or an assignee, on the whole chain or on some of its items. */
function CommentForm({ chainId, items, onDone }: { chainId: string; items: ItemRef[]; onDone: () => unknown }) {
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [touched, setTouched] = useState(false);
  const action = useAction(() => commentChain(chainId, { text: text.trim(), ...(chosen.length ? { itemIds: chosen } : {}) }), {
    success: 'Đã ghi ý kiến.',
    after: () => {
      setText('');
      setTouched(false);
      return onDone();
    },
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (text.trim()) void action.run();
      }}
    >
      <TextArea
        label="Ý kiến"
        value={text}
        onValue={setText}
        required
        rows={3}
        error={touched && !text.trim() ? 'Nhập nội dung ý kiến.' : null}
      />
      <ItemPicker legend="Ý kiến về nội dung (không chọn: cả hồ sơ)" items={items} chosen={chosen} onChange={setChosen} />
      <Button type="submit" kind="secondary" busy={action.busy}>
        Gửi ý kiến
      </Button>
      <ActionStatus action={action} />
    </form>
  );
}

/** A reference to evidence kept elsewhere (a document store, a link), with its title. */
function EvidenceForm({ chainId, items, onDone }: { chainId: string; items: ItemRef[]; onDone: () => unknown }) {
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [touched, setTouched] = useState(false);
  const urlError =
    touched && !/^https?:\/\/\S+$/i.test(url.trim()) ? 'Nhập đường dẫn đầy đủ, bắt đầu bằng http:// hoặc https://' : null;
  const titleError = touched && !title.trim() ? 'Nhập tên tài liệu.' : null;
  const action = useAction(
    () =>
      attachChainEvidence(chainId, {
        references: [{ title: title.trim(), url: url.trim() }],
        ...(chosen.length ? { itemIds: chosen } : {}),
      }),
    {
      success: 'Đã bổ sung tài liệu minh chứng.',
      after: () => {
        setTitle('');
        setUrl('');
        setTouched(false);
        return onDone();
      },
    },
  );
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (title.trim() && /^https?:\/\/\S+$/i.test(url.trim())) void action.run();
      }}
    >
      <h3>Bổ sung tài liệu minh chứng</h3>
      <div class="grid-3">
        <TextField label="Tên tài liệu" value={title} onValue={setTitle} required error={titleError} />
        <TextField
          label="Đường dẫn tài liệu"
          value={url}
          onValue={setUrl}
          required
          error={urlError}
          placeholder="https://"
          autoComplete="url"
        />
      </div>
      <ItemPicker legend="Minh chứng cho nội dung (không chọn: cả hồ sơ)" items={items} chosen={chosen} onChange={setChosen} />
      <Button type="submit" kind="secondary" busy={action.busy}>
        Bổ sung minh chứng
      </Button>
      <ActionStatus action={action} />
    </form>
  );
}

/** The submitter withdraws items the current level has not acted on yet (the server refuses once it has). */
function WithdrawPanel({ chainId, items, onDone }: { chainId: string; items: ChainItem[]; onDone: () => unknown }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const action = useAction(
    () => withdrawChain(chainId, { itemIds: chosen, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
    { success: 'Đã rút các nội dung đã chọn.', after: onDone },
  );
  return (
    <Section title="Rút nội dung đã trình">
      <p class="muted">Chỉ rút được khi cấp đang xử lý chưa cho ý kiến về nội dung đó.</p>
      <ItemPicker legend="Nội dung muốn rút" items={items} chosen={chosen} onChange={setChosen} evenOne />
      <TextArea label="Lý do rút (không bắt buộc)" value={reason} onValue={setReason} rows={2} />
      <Button kind="danger" busy={action.busy} disabled={chosen.length === 0} onClick={() => void action.run()}>
        Rút nội dung đã chọn
      </Button>
      <ActionStatus action={action} />
    </Section>
  );
}
