import { NomineeStatus, Phase } from '../../src/shared/cycle-types';
import { AwardType } from '../../src/shared/rules';
import { bundleWorkflows, createHarness, uniqueSuffix, type Harness } from '../integration/support/harness';
import { publishedFor, type CycleFixture } from './fixtures/cycle-fixture';
import { S0_BINH_DINH_2021 } from './fixtures/s0-binh-dinh-2021';
import { S1_BAC_KAN_2020 } from './fixtures/s1-bac-kan-2020';
import { S2_HOI_DAC_THU_2023 } from './fixtures/s2-hoi-dac-thu-2023';
import { S4_GIA_LAI_2021 } from './fixtures/s4-gia-lai-2021';
import { T1_BAC_KAN_VHXH_2022 } from './fixtures/t1-bac-kan-vhxh-2022';
import { T2_BAC_NINH_NOI_CHINH_2022 } from './fixtures/t2-bac-ninh-noi-chinh-2022';
import { T3_TAY_NINH_NOI_CHINH_2024 } from './fixtures/t3-tay-ninh-noi-chinh-2024';
import { CycleDriver, type CycleOutcome } from './support/cycle-driver';
import { seedBloc, type SeededBloc } from './support/seed-bloc';
import { provisionIdentities } from '../integration/support/actors';

const { CO_THI_DUA_TINH: CO_TINH, BANG_KHEN_CHU_TICH: BANG_KHEN, CO_THI_DUA_CHINH_PHU: CO_CP } = AwardType;

/** Awards the chairman grants himself; a Cờ CP candidate is forwarded to the Prime Minister and not yet awarded. */
const AWARDED_IN_PROVINCE = [CO_TINH, BANG_KHEN] as const;

interface Played<K extends string> {
  bloc: SeededBloc<K>;
  outcome: CycleOutcome<K>;
}

/**
 * The real cycles of shared/domain.md §8, each seeded as its own bloc and driven through the real workflows and
 * the HTTP API from the fixture's inputs (scores, papers, appraisal, council votes, the chairman's refusals); the
 * assertions read the outcome back from the API and compare it with the fixture's published outcome.
 */
describe('Real cycles of domain.md §8 through the workflows and the HTTP API', () => {
  let h: Harness;
  // One code per file and run: every file and every run shares one Temporal namespace.
  const run = uniqueSuffix().toUpperCase();

  beforeAll(async () => {
    const bundle = await bundleWorkflows();
    h = await createHarness({ bundle, demo: { provinceCode: `ACC-${run}` } });
  });

  afterAll(async () => {
    await h?.close();
  });

  async function play<K extends string>(fixture: CycleFixture<K>): Promise<Played<K>> {
    const bloc = await seedBloc(h.dataSource, fixture, `${fixture.id}${fixture.province.code}-${run}`);
    await provisionIdentities(
      h.app,
      h.dataSource,
      bloc.provinceCode,
      fixture.units.map((u) => bloc.unit(u.key)),
    );
    const outcome = await new CycleDriver(h.app, fixture, bloc).run();
    return { bloc, outcome };
  }

  /** Who got which award, who was stopped where, and who leads next year, as the API publishes it. */
  function expectPublishedOutcome<K extends string>(fixture: CycleFixture<K>, { bloc, outcome }: Played<K>): void {
    // The record of a past year: no deadline, years behind, closed a phase or flagged a unit.
    expect(outcome.cycle).toMatchObject({ phase: Phase.COMPLETED, status: 'COMPLETED', year: fixture.year, mode: 'RECORD' });
    expect(outcome.cycle.lateUnits).toEqual({});
    expect(outcome.cycle.launch?.launchedOn).toBe(`${fixture.year}-01-20`);

    const history = Object.fromEntries(fixture.units.map(({ key }) => [key, outcome.awards[key].map((a) => a.award).sort()]));
    const published = Object.fromEntries(
      fixture.units.map(({ key }) => [key, AWARDED_IN_PROVINCE.filter((a) => publishedFor(fixture, a).includes(key)).sort()]),
    );
    expect(history).toEqual(published);
    for (const row of Object.values<CycleOutcome<K>['awards'][K]>(outcome.awards).flat()) {
      expect(row).toMatchObject({ year: fixture.year, cycleId: outcome.cycleId, decisionNumber: fixture.decision?.number });
    }

    const nominations = outcome.nominations.map((n) => `${n.award}:${bloc.keyOf(n.unitCode)}:${n.status}`).sort();
    const proposed = Object.values(AwardType)
      .flatMap((award) => [
        ...publishedFor(fixture, award).map(
          (key) => `${award}:${key}:${award === CO_CP ? NomineeStatus.FORWARDED : NomineeStatus.APPROVED}`,
        ),
        ...Object.entries(fixture.published.notAwarded?.[award] ?? {}).map(
          ([key, status]) => `${award}:${key}:${String(status)}`,
        ),
      ])
      .sort();
    expect(nominations).toEqual(proposed);

    expect(outcome.leaderships).toEqual([
      expect.objectContaining({
        year: fixture.year,
        leaderUnit: bloc.unit(fixture.leadership.leader),
        deputyUnit: bloc.unit(fixture.leadership.deputy),
        source: 'SEEDED',
      }),
      expect.objectContaining({
        year: fixture.year + 1,
        leaderUnit: bloc.unit(fixture.published.nextLeader),
        deputyUnit: bloc.unit(fixture.published.nextDeputy),
        source: 'ELECTED',
        handedOverAt: expect.any(String),
      }),
    ]);
  }

  it('given S0 (Bình Định FY2021, 8 units, 2 flags and 4 Bằng khen proposed; invented: one Bằng khen not recommended, one flag short of the council threshold, one Bằng khen refused by the chairman), when the cycle runs, should award one flag and two Bằng khen and hand the bloc to LĐLĐ with MTTQ as deputy', async () => {
    const played = await play(S0_BINH_DINH_2021);
    expectPublishedOutcome(S0_BINH_DINH_2021, played);
    const { outcome, bloc } = played;
    // 80% of the 15 members, not of the 13 present: 11 votes fall short.
    expect(outcome.cycle.nominees.find((n) => n.unitCode === bloc.unit('HLHPN'))?.council).toMatchObject({
      votesFor: 11,
      required: 12,
      passed: false,
    });
    expect(outcome.cycle.nominees.find((n) => n.unitCode === bloc.unit('HCCB'))?.decision).toBeUndefined();
    expect(outcome.cycle.nominees.find((n) => n.unitCode === bloc.unit('DTN'))?.decision).toMatchObject({
      approve: false,
      number: '268/QĐ-UBND',
    });
    const slots = played.outcome.cycle.minutes?.voteCount.awards.map((a) => [a.award, a.maxPerBloc]);
    expect(slots).toEqual(
      expect.arrayContaining([
        [CO_TINH, 2],
        [BANG_KHEN, 4],
      ]),
    );
  });

  it('given S1 (Bắc Kạn FY2020, 6 units), when the cycle runs, should give the flag to the Trưởng khối itself, Bằng khen to Tỉnh đoàn and Hội Nông dân, and promote the Phó khối', async () => {
    const played = await play(S1_BAC_KAN_2020);
    expectPublishedOutcome(S1_BAC_KAN_2020, played);
    expect(S1_BAC_KAN_2020.published.nextLeader).toBe(S1_BAC_KAN_2020.leadership.deputy);
    expect(played.outcome.awards.HLHPN).toEqual([
      expect.objectContaining({ award: CO_TINH, awardName: 'Cờ thi đua của UBND tỉnh', decisionNumber: '125/QĐ-UBND' }),
    ]);
  });

  it('given S2 (15 associations, 13 present, no award reported), when the cycle runs, should rank all 15, elect the 2024 leadership and complete without a dossier', async () => {
    const played = await play(S2_HOI_DAC_THU_2023);
    expectPublishedOutcome(S2_HOI_DAC_THU_2023, played);
    const { cycle, nominations } = played.outcome;
    expect(cycle.minutes).toMatchObject({ membersTotal: 15, quorum: { required: 10, present: 13, met: true } });
    expect(cycle.minutes?.absent.map(played.bloc.keyOf).sort()).toEqual(['HCTCT', 'HKTS']);
    expect(cycle.minutes?.ranking).toHaveLength(15);
    expect(cycle.minutes?.ranking[0]).toMatchObject({ unitCode: played.bloc.unit('HCTD'), total: 96, rank: 1 });
    expect(cycle.dossier).toBeUndefined();
    expect(nominations).toEqual([]);
  });

  it('given S4 (Gia Lai FY2021, 2 flags allowed), when the cycle runs, should award the flags to the MTTQ and the Hội CCB and make the Hội Nông dân Trưởng khối for 2022', async () => {
    const played = await play(S4_GIA_LAI_2021);
    expectPublishedOutcome(S4_GIA_LAI_2021, played);
    const votes = played.outcome.nominations.map((n) => [n.award, played.bloc.keyOf(n.unitCode), n.councilVotes]);
    expect(votes.sort()).toEqual([
      [CO_TINH, 'HCCB', 12],
      [CO_TINH, 'MTTQ', 14],
    ]);
  });

  it('given T1 (Bắc Kạn FY2022, Khối Văn hóa – Xã hội, 10 units), when the cycle runs, should give the flag to the leading Ban Dân tộc and Bằng khen to Sở TT&TT, Sở KH&CN and Sở LĐTBXH', async () => {
    const played = await play(T1_BAC_KAN_VHXH_2022);
    expectPublishedOutcome(T1_BAC_KAN_VHXH_2022, played);
    const flag = played.outcome.cycle.minutes?.voteCount.awards.find((a) => a.award === String(CO_TINH));
    expect(flag?.candidates.find((c) => c.unitCode === played.bloc.unit('BDT'))).toMatchObject({
      votes: 9,
      required: 8,
      selected: true,
    });
  });

  it('given T2 (Bắc Ninh FY2022, Khối Nội chính), when the cycle runs, should forward Thanh tra tỉnh for the Cờ thi đua của Chính phủ, award 2 flags and 3 Bằng khen, and make Thanh tra tỉnh Trưởng khối for 2023', async () => {
    const played = await play(T2_BAC_NINH_NOI_CHINH_2022);
    expectPublishedOutcome(T2_BAC_NINH_NOI_CHINH_2022, played);
    const { outcome, bloc } = played;
    expect(outcome.nominations.find((n) => n.award === String(CO_CP))).toMatchObject({
      unitCode: bloc.unit('TTR'),
      status: NomineeStatus.FORWARDED,
      councilVotes: 14,
      decisionNumber: '1850/QĐ-UBND',
    });
    expect(outcome.awards.TTR.map((a) => a.award)).toEqual([CO_TINH]);
    // Only this bloc is seeded: its 2 flags allow 0 Cờ CP proposals, so the forwarding carries the override.
    expect(outcome.cycle.nominees.find((n) => n.award === String(CO_CP))?.decision?.quotaOverride).toMatchObject({
      documentRef: 'Tờ trình 215/TTr-UBND',
      quota: { blocLeaders: 2, alreadyForwarded: 0, limit: 0 },
    });
    expect(outcome.cycle.council).toMatchObject({ sessionDate: '2022-12-12', membersTotal: 17, membersPresent: 15 });
  });

  describe('given T3 (Tây Ninh FY2024, Khối Nội chính, conference on 11/3/2025)', () => {
    const t3 = T3_TAY_NINH_NOI_CHINH_2024;
    let played: Played<(typeof t3.units)[number]['key']>;

    beforeAll(async () => {
      played = await play(t3);
    });

    it('when the cycle runs, should give the "Đơn vị dẫn đầu" flag to the Bộ CHQS and Bằng khen to the Công an and the Tòa án', () => {
      expectPublishedOutcome(t3, played);
      expect(played.outcome.awards.BCHQS).toEqual([
        expect.objectContaining({ award: CO_TINH, awardName: 'Cờ “Đơn vị dẫn đầu phong trào thi đua” của UBND tỉnh' }),
      ]);
    });

    it('when the conference is held in March of the following year, should record the awards for 2024 under NĐ 98 and the leadership elected for 2025', () => {
      const { outcome, bloc } = played;
      const nd98 = `${bloc.provinceCode}-ND98-2024`;
      expect(outcome.cycle.year).toBe(2024);
      expect(outcome.cycle.conference).toMatchObject({ heldOn: '2025-03-11', rulesVersion: nd98 });
      expect(outcome.cycle.minutes).toMatchObject({ year: 2024, heldOn: '2025-03-11', rulesVersion: nd98 });
      for (const key of ['BCHQS', 'CA', 'TAND'] as const) {
        expect(outcome.awards[key]).toEqual([
          expect.objectContaining({ year: 2024, decisionDate: '2025-04-15', rulesVersion: nd98 }),
        ]);
      }
      expect(outcome.nominations.every((n) => n.year === 2024)).toBe(true);
      expect(outcome.leaderships.map((l) => [l.year, l.source])).toEqual([
        [2024, 'SEEDED'],
        [2025, 'ELECTED'],
      ]);
    });
  });
});
