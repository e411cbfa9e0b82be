import { closeRound, getRound, listBlocs } from '../../api/endpoints';
import type { Me } from '../../api/types';
import { ActionStatus, Badge, Button, ErrorAlert, Loading, PageTitle, Section, TableWrap, Tabs } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { useAction, useResource } from '../../lib/hooks';
import type { Acting } from '../../lib/inbox';
import { AWARD_LABELS } from '../../lib/labels';
import { Link } from '../../lib/router';
import { asRound, type Round } from '../../lib/round';
import { actingOf } from '../../lib/session';
import { AppraisalTab } from './appraisal';
import { CouncilTab } from './council';
import { DecisionsTab } from './decisions';
import { UpwardTab } from './upward';

export const ROUND_TABS = [
  { key: 'tham-dinh', label: 'Thẩm định' },
  { key: 'hoi-dong', label: 'Hội đồng TĐKT tỉnh' },
  { key: 'quyet-dinh', label: 'Quyết định khen thưởng' },
  { key: 'trinh-trung-uong', label: 'Trình Trung ương' },
] as const;

export type RoundTab = (typeof ROUND_TABS)[number]['key'];

export const isRoundTab = (tab: string): tab is RoundTab => ROUND_TABS.some((t) => t.key === tab);

/** The tab a person starts on: the one where their role acts. */
function defaultTab(acting: Acting): RoundTab {
  if (acting.role === 'COUNCIL_MEMBER') return 'hoi-dong';
  if (acting.role === 'CHAIRMAN') return 'quyet-dinh';
  return 'tham-dinh';
}

/** What every tab of a round gets: the round, the blocs' names, who acts, and a reload after a step. */
export interface RoundProps {
  round: Round;
  blocNames: Map<string, string>;
  acting: Acting;
  /** The person's username: the council's roll names its members by it. */
  username: string;
  onChanged: () => unknown;
}

/** One round of the province: its items, appraisal, council sessions, decisions and submissions upward, by tab. */
export function RoundPage({ roundId, tab, me }: { roundId: string; tab?: RoundTab; me: Me }) {
  const acting = actingOf(me);
  const current = tab ?? defaultTab(acting);
  const resource = useResource(async () => asRound(await getRound(roundId)), [roundId], 10_000);
  const round = resource.data;
  const blocs = useResource(() => (round ? listBlocs(round.provinceCode) : Promise.resolve([])), [round?.provinceCode]);
  const blocNames = new Map((blocs.data ?? []).map((b) => [b.blocCode, b.name]));
  const id = encodeURIComponent(roundId);
  return (
    <>
      <PageTitle sub={round ? <RoundSub round={round} /> : undefined}>{round ? round.title : 'Đợt xét khen thưởng'}</PageTitle>
      {!round ? (
        resource.loading ? (
          <Loading />
        ) : (
          <ErrorAlert error={resource.error} />
        )
      ) : (
        <>
          <p class="links">
            <Link href="/rounds">Các đợt xét khen thưởng</Link> · <Link href={`/rounds/${id}/documents`}>Văn bản</Link>
          </p>
          <Tabs
            label="Các bước của đợt xét"
            current={current}
            items={ROUND_TABS.map((t) => ({ key: t.key, label: t.label, href: `/rounds/${id}/${t.key}` }))}
          />
          <GroupsSummary round={round} />
          {current === 'tham-dinh' ? (
            <AppraisalTab
              round={round}
              blocNames={blocNames}
              acting={acting}
              username={me.username}
              onChanged={resource.reload}
            />
          ) : current === 'hoi-dong' ? (
            <CouncilTab round={round} blocNames={blocNames} acting={acting} username={me.username} onChanged={resource.reload} />
          ) : current === 'quyet-dinh' ? (
            <DecisionsTab
              round={round}
              blocNames={blocNames}
              acting={acting}
              username={me.username}
              onChanged={resource.reload}
            />
          ) : (
            <UpwardTab round={round} blocNames={blocNames} acting={acting} username={me.username} onChanged={resource.reload} />
          )}
          {acting.role === 'BOARD_HEAD' && round.status === 'OPEN' ? (
            <CloseRound round={round} onChanged={resource.reload} />
          ) : null}
        </>
      )}
    </>
  );
}

function RoundSub({ round }: { round: Round }) {
  return (
    <>
      Năm {round.year} · mở ngày {formatDate(round.openedAt)} ·{' '}
      <Badge tone={round.status === 'OPEN' ? 'info' : 'ok'}>
        {round.status === 'OPEN' ? 'Đang xét' : `Đã kết thúc ngày ${formatDate(round.closedAt)}`}
      </Badge>
    </>
  );
}

/** Per award: the province's target beside what was proposed and what the council or the appraisal let through. */
function GroupsSummary({ round }: { round: Round }) {
  const groups = round.groups.filter((g) => g.proposed > 0 || g.target !== undefined);
  if (groups.length === 0) return null;
  return (
    <TableWrap label="Chỉ tiêu và số đề nghị theo hình thức khen thưởng">
      <table>
        <thead>
          <tr>
            <th scope="col">Hình thức khen thưởng</th>
            <th scope="col">Chỉ tiêu của tỉnh</th>
            <th scope="col">Số đề nghị</th>
            <th scope="col">Được thông qua</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.award}>
              <th scope="row">{AWARD_LABELS[g.award]}</th>
              <td>{g.target ?? '—'}</td>
              <td>{g.proposed}</td>
              <td>{g.approved}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function CloseRound({ round, onChanged }: { round: Round; onChanged: () => unknown }) {
  const action = useAction(() => closeRound(round.roundId), { success: 'Đã kết thúc đợt xét khen thưởng.', after: onChanged });
  return (
    <Section title="Kết thúc đợt xét">
      <p>Đợt xét chỉ kết thúc được khi mọi đề nghị đã có kết quả.</p>
      <Button kind="secondary" busy={action.busy} onClick={() => void action.run()}>
        Kết thúc đợt xét khen thưởng
      </Button>
      <ActionStatus action={action} />
    </Section>
  );
}
