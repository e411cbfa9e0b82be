import { PROVINCIAL_DOSSIER_APPRAISAL_CHAIN } from '../../src/domain/approval';
import { DEFAULT_RULES } from '../../src/domain/default-rules';
import { validateRuleSet, type RuleSetProblem, type RuleSetValidation } from '../../src/domain/rule-set-validation';
import { demoRuleSets } from '../../src/domain/rule-sets';
import { Role } from '../../src/shared/actors';
import { type ChainDefinition, LevelMode } from '../../src/shared/approval';
import { CHAIN_STEPS, type ChainStep, type RuleSet } from '../../src/shared/rules';

/** A JSON body as a client could send it: any field can be edited, removed or added, valid or not. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are edited into invalid shapes on purpose
type Json = any;

const [ND91, ND98, ND152] = demoRuleSets('BK');

/** A valid candidate: the NĐ 152 set as a plain JSON body. */
function candidate(edit: (body: Json) => void = () => undefined): Json {
  const body = structuredClone(ND152) as Json;
  edit(body);
  return body;
}

function problems(result: RuleSetValidation): RuleSetProblem[] {
  if (result.ok) throw new Error('expected the rule set to be refused, but it passed');
  return result.problems;
}

function accepted(result: RuleSetValidation): RuleSet {
  if (!result.ok) throw new Error(`expected the rule set to pass: ${JSON.stringify(result.problems)}`);
  return result.value;
}

/** The one problem reported; fails when there are none or several. */
function onlyProblem(body: unknown, existing: RuleSet[] = []): RuleSetProblem {
  const found = problems(validateRuleSet(body, existing));
  expect(found).toHaveLength(1);
  return found[0];
}

const fieldsOf = (body: unknown, existing: RuleSet[] = []) => problems(validateRuleSet(body, existing)).map((p) => p.field);

/** A valid chain for each step that can run as one: only the self-assessment has a subject unit. */
const STEP_CHAINS: Record<ChainStep, ChainDefinition> = {
  selfAssessment: {
    code: 'TU_CHAM',
    name: 'Phê duyệt bảng tự chấm điểm',
    levels: [
      {
        code: 'THU_TRUONG',
        name: 'Thủ trưởng đơn vị',
        approvers: { role: Role.UNIT_HEAD, scope: 'SUBJECT_UNIT', label: 'Thủ trưởng đơn vị' },
        mode: LevelMode.ANY,
      },
      { code: 'TRUONG_KHOI', name: 'Trưởng khối', approvers: { role: 'BLOC_LEADER', label: 'Trưởng khối' }, mode: LevelMode.ANY },
    ],
    maxReturnRounds: 2,
    afterMaxRounds: 'REJECT',
  },
  dossierReview: {
    code: 'KIEM_TRA_HO_SO',
    name: 'Kiểm tra hồ sơ',
    levels: [
      {
        code: 'CHUYEN_VIEN',
        name: 'Chuyên viên',
        approvers: { role: Role.BOARD_SPECIALIST, label: 'Chuyên viên' },
        mode: LevelMode.ANY,
        due: { workingDays: 5 },
      },
    ],
    maxReturnRounds: 3,
    afterMaxRounds: 'ESCALATE',
  },
  appraisal: PROVINCIAL_DOSSIER_APPRAISAL_CHAIN,
  leadershipApproval: {
    code: 'PHE_DUYET_TRUONG_KHOI',
    name: 'Phê duyệt Trưởng khối, Phó khối',
    levels: [
      {
        code: 'TRUONG_PHONG',
        name: 'Trưởng phòng',
        approvers: { role: Role.BOARD_HEAD, label: 'Trưởng phòng' },
        mode: LevelMode.ANY,
      },
      {
        code: 'CHU_TICH',
        name: 'Chủ tịch',
        approvers: { role: Role.CHAIRMAN, label: 'Chủ tịch UBND tỉnh' },
        mode: LevelMode.ANY,
      },
    ],
    maxReturnRounds: 0,
    afterMaxRounds: 'REJECT',
  },
};

describe('validateRuleSet', () => {
  describe('given the demo rule sets of the three legal periods', () => {
    it('when each is checked against the other two, should accept it unchanged', () => {
      for (const set of [ND91, ND98, ND152]) {
        const others = [ND91, ND98, ND152].filter((s) => s !== set);
        expect(accepted(validateRuleSet(structuredClone(set), others))).toEqual(set);
      }
    });

    it('should cover 2017-07-31 to 2025-06-30 without a gap, then stay open-ended', () => {
      expect([ND91.validFrom, ND91.validTo, ND98.validFrom, ND98.validTo, ND152.validFrom, ND152.validTo]).toEqual([
        '2017-07-31',
        '2023-12-31',
        '2024-01-01',
        '2025-06-30',
        '2025-07-01',
        null,
      ]);
    });

    it('should differ where the sources differ: 25 working days of appraisal before 2024, 20 after', () => {
      expect(ND91.rules.deadlines.appraisalWorkingDays).toBe(25);
      expect(ND98.rules.deadlines.appraisalWorkingDays).toBe(20);
      expect(ND152.rules.deadlines.appraisalWorkingDays).toBe(20);
      expect(ND91.rules.receivingAgencyName).not.toBe(ND152.rules.receivingAgencyName);
    });

    it('should keep the values no source changes, and record its own version in its rules', () => {
      for (const set of [ND91, ND98, ND152]) {
        expect(set.rules.rulesVersion).toBe(set.version);
        expect(set.rules.legalBasis).toEqual(set.legalBasis);
        expect(set.rules.conference.quorumRatio).toBe(DEFAULT_RULES.conference.quorumRatio);
        expect(set.rules.awards.CO_THI_DUA_TINH.threshold).toBe(DEFAULT_RULES.awards.CO_THI_DUA_TINH.threshold);
        expect(set.rules.awards.BANG_KHEN_CHU_TICH.maxPerBloc).toBe(DEFAULT_RULES.awards.BANG_KHEN_CHU_TICH.maxPerBloc);
      }
    });
  });

  describe('given the Cờ CP candidacy rule', () => {
    it('when it says a candidate stands on its own, should keep it; when malformed, should name the field', () => {
      const candidacy = { requiresProvincialFlag: false, basis: 'Quy chế thi đua của tỉnh' };
      const kept = accepted(
        validateRuleSet(
          candidate((b) => (b.rules.governmentFlagCandidacy = candidacy)),
          [ND91, ND98],
        ),
      );
      expect(kept.rules.governmentFlagCandidacy).toEqual(candidacy);
      expect(
        fieldsOf(
          candidate((b) => (b.rules.governmentFlagCandidacy = { requiresProvincialFlag: 'no', basis: 'x' })),
          [ND91, ND98],
        ),
      ).toEqual(['rules.governmentFlagCandidacy.requiresProvincialFlag']);
    });
  });

  describe('given the version recorded inside the rules', () => {
    it('when rules.rulesVersion is left out, should fill it from the version', () => {
      const value = accepted(
        validateRuleSet(
          candidate((b) => delete b.rules.rulesVersion),
          [],
        ),
      );
      expect(value.rules.rulesVersion).toBe('BK-ND152-2025');
    });

    it('when rules.rulesVersion differs from the version, should refuse naming rules.rulesVersion', () => {
      const problem = onlyProblem(candidate((b) => (b.rules.rulesVersion = 'OTHER')));
      expect(problem.field).toBe('rules.rulesVersion');
      expect(problem.message).toContain('BK-ND152-2025');
    });

    it('when rules.legalBasis is left out, should fill it; when it differs, should refuse naming it', () => {
      expect(
        accepted(
          validateRuleSet(
            candidate((b) => delete b.rules.legalBasis),
            [],
          ),
        ).rules.legalBasis,
      ).toEqual(ND152.legalBasis);
      expect(onlyProblem(candidate((b) => (b.rules.legalBasis = ['Nghị định khác']))).field).toBe('rules.legalBasis');
    });
  });

  describe('given award rules', () => {
    it('when a threshold is 1.5, should refuse naming rules.awards.CO_THI_DUA_TINH.threshold', () => {
      const problem = onlyProblem(candidate((b) => (b.rules.awards.CO_THI_DUA_TINH.threshold = 1.5)));
      expect(problem).toEqual({
        field: 'rules.awards.CO_THI_DUA_TINH.threshold',
        message: 'must be greater than 0 and at most 1, got 1.5',
      });
    });

    it('when a threshold is 0 or a string, should refuse; when it is exactly 1, should accept', () => {
      expect(fieldsOf(candidate((b) => (b.rules.awards.BANG_KHEN_CHU_TICH.threshold = 0)))).toEqual([
        'rules.awards.BANG_KHEN_CHU_TICH.threshold',
      ]);
      expect(onlyProblem(candidate((b) => (b.rules.awards.BANG_KHEN_CHU_TICH.threshold = '0.5'))).message).toBe(
        'must be a number',
      );
      expect(
        validateRuleSet(
          candidate((b) => (b.rules.awards.BANG_KHEN_CHU_TICH.threshold = 1)),
          [],
        ).ok,
      ).toBe(true);
    });

    it('when a cap is negative or fractional, should refuse naming maxPerBloc; when it is 0, should accept', () => {
      expect(onlyProblem(candidate((b) => (b.rules.awards.BANG_KHEN_CHU_TICH.maxPerBloc = -1)))).toEqual({
        field: 'rules.awards.BANG_KHEN_CHU_TICH.maxPerBloc',
        message: expect.stringContaining('got -1'),
      });
      expect(onlyProblem(candidate((b) => (b.rules.awards.CO_THI_DUA_TINH.maxPerBloc = 1.5))).message).toContain('whole number');
      expect(
        validateRuleSet(
          candidate((b) => (b.rules.awards.CO_THI_DUA_CHINH_PHU.maxPerBloc = 0)),
          [],
        ).ok,
      ).toBe(true);
    });

    it('when maxShareOfMembers is outside (0, 1], should refuse naming it', () => {
      expect(fieldsOf(candidate((b) => (b.rules.awards.BANG_KHEN_CHU_TICH.maxShareOfMembers = 0)))).toEqual([
        'rules.awards.BANG_KHEN_CHU_TICH.maxShareOfMembers',
      ]);
      expect(
        validateRuleSet(
          candidate((b) => (b.rules.awards.BANG_KHEN_CHU_TICH.maxShareOfMembers = 0.5)),
          [],
        ).ok,
      ).toBe(true);
    });

    it('when an unknown award is added, should refuse naming it and listing the known ones', () => {
      const problem = onlyProblem(candidate((b) => (b.rules.awards.CO_THI_DUA_HUYEN = { ...b.rules.awards.CO_THI_DUA_TINH })));
      expect(problem.field).toBe('rules.awards.CO_THI_DUA_HUYEN');
      expect(problem.message).toBe('unknown award; one of CO_THI_DUA_TINH, BANG_KHEN_CHU_TICH, CO_THI_DUA_CHINH_PHU');
    });

    it('when an award is missing, should refuse naming it', () => {
      expect(onlyProblem(candidate((b) => delete b.rules.awards.CO_THI_DUA_CHINH_PHU))).toEqual({
        field: 'rules.awards.CO_THI_DUA_CHINH_PHU',
        message: 'is required',
      });
    });

    it('when thresholdBase is unknown or displayName empty, should refuse naming each', () => {
      expect(
        fieldsOf(
          candidate((b) => {
            b.rules.awards.CO_THI_DUA_TINH.thresholdBase = 'EVERYONE';
            b.rules.awards.CO_THI_DUA_TINH.displayName = '  ';
          }),
        ),
      ).toEqual(['rules.awards.CO_THI_DUA_TINH.displayName', 'rules.awards.CO_THI_DUA_TINH.thresholdBase']);
    });
  });

  describe('given conference and council rules', () => {
    it('when the quorum base is not TOTAL_MEMBERS, should refuse naming quorumBase', () => {
      expect(fieldsOf(candidate((b) => (b.rules.conference.quorumBase = 'PRESENT')))).toEqual(['rules.conference.quorumBase']);
    });

    it('when the council counts on VALID_BALLOTS, should refuse; PRESENT is allowed', () => {
      expect(fieldsOf(candidate((b) => (b.rules.council.thresholdBase = 'VALID_BALLOTS')))).toEqual([
        'rules.council.thresholdBase',
      ]);
      expect(
        validateRuleSet(
          candidate((b) => (b.rules.council.thresholdBase = 'PRESENT')),
          [],
        ).ok,
      ).toBe(true);
    });

    it('when a council ratio is above 1, should refuse naming it', () => {
      expect(fieldsOf(candidate((b) => (b.rules.council.awardSessionAttendanceRatio = 80)))).toEqual([
        'rules.council.awardSessionAttendanceRatio',
      ]);
    });

    it('when maxBallotRounds is 0, 6 or 2.5, should refuse; 1 to 5 are accepted', () => {
      for (const rounds of [0, 6, 2.5]) {
        expect(fieldsOf(candidate((b) => (b.rules.conference.maxBallotRounds = rounds)))).toEqual([
          'rules.conference.maxBallotRounds',
        ]);
      }
      for (const rounds of [1, 5]) {
        expect(
          validateRuleSet(
            candidate((b) => (b.rules.conference.maxBallotRounds = rounds)),
            [],
          ).ok,
        ).toBe(true);
      }
    });

    it('when a tie-breaker is unknown or repeated, should refuse naming tieBreakers', () => {
      expect(onlyProblem(candidate((b) => (b.rules.conference.tieBreakers = ['COIN_TOSS']))).message).toContain('COIN_TOSS');
      expect(onlyProblem(candidate((b) => (b.rules.conference.tieBreakers = ['TOTAL_SCORE', 'TOTAL_SCORE'])))).toEqual({
        field: 'rules.conference.tieBreakers',
        message: 'must not repeat "TOTAL_SCORE"',
      });
    });

    it('when INDICATOR_ORDER is used without criteria, should refuse naming indicatorOrder; with criteria, should accept', () => {
      const withOrder = (order: string[] | undefined) =>
        candidate((b) => {
          b.rules.conference.tieBreakers = ['INDICATOR_ORDER', 'LEADER_DEPUTY_DECIDE'];
          if (order) b.rules.conference.indicatorOrder = order;
        });
      expect(onlyProblem(withOrder(undefined)).field).toBe('rules.conference.indicatorOrder');
      expect(onlyProblem(withOrder([])).field).toBe('rules.conference.indicatorOrder');
      expect(accepted(validateRuleSet(withOrder(['TC1', 'TC2']), [])).rules.conference.indicatorOrder).toEqual(['TC1', 'TC2']);
    });

    it('when leaderSelection or deputyPromotes has a wrong value, should refuse naming each', () => {
      expect(
        fieldsOf(
          candidate((b) => {
            b.rules.leaderSelection = 'LOTTERY';
            b.rules.deputyPromotes = 'yes';
          }),
        ),
      ).toEqual(['rules.leaderSelection', 'rules.deputyPromotes']);
    });
  });

  describe('given deadlines and holidays', () => {
    it('when a deadline is 0 or fractional, should refuse naming it', () => {
      expect(
        fieldsOf(
          candidate((b) => {
            b.rules.deadlines.appraisalWorkingDays = 0;
            b.rules.deadlines.defaultPledgeDays = 2.5;
          }),
        ),
      ).toEqual(['rules.deadlines.appraisalWorkingDays', 'rules.deadlines.defaultPledgeDays']);
    });

    it('when a holiday is 2025-02-30 or not zero-padded, should refuse naming its index', () => {
      expect(fieldsOf(candidate((b) => (b.rules.holidays = ['2025-02-28', '2025-02-30', '2025-9-2'])))).toEqual([
        'rules.holidays[1]',
        'rules.holidays[2]',
      ]);
    });

    it('when a holiday repeats, should refuse naming holidays', () => {
      expect(onlyProblem(candidate((b) => (b.rules.holidays = ['2025-09-02', '2025-09-02']))).field).toBe('rules.holidays');
    });
  });

  describe('given the optional provincial parts', () => {
    it('when the Cờ CP quota is above 1 or eligibility lacks its basis, should refuse naming each', () => {
      expect(
        fieldsOf(
          candidate((b) => {
            b.rules.governmentFlagQuota.maxShareOfBlocLeaders = 20;
            delete b.rules.eligibility.basis;
          }),
        ),
      ).toEqual(['rules.eligibility.basis', 'rules.governmentFlagQuota.maxShareOfBlocLeaders']);
    });

    it('when they are left out, should accept the set without them', () => {
      const value = accepted(
        validateRuleSet(
          candidate((b) => {
            delete b.rules.governmentFlagQuota;
            delete b.rules.eligibility;
          }),
          [],
        ),
      );
      expect('governmentFlagQuota' in value.rules || 'eligibility' in value.rules).toBe(false);
    });
  });

  describe('given the rule set itself', () => {
    it('when legalBasis is empty or holds a blank string, should refuse naming it', () => {
      expect(onlyProblem(candidate((b) => (b.legalBasis = []))).field).toBe('legalBasis');
      // The blank item is refused once, at the rule set; rules.legalBasis is then not compared.
      expect(fieldsOf(candidate((b) => (b.legalBasis = ['Nghị định 152/2025/NĐ-CP', ' '])))).toEqual(['legalBasis[1]']);
    });

    it('when the version has a space or is over 64 characters, should refuse naming version', () => {
      expect(fieldsOf(candidate((b) => (b.version = 'BK ND152'))).includes('version')).toBe(true);
      expect(fieldsOf(candidate((b) => (b.version = 'v'.repeat(65)))).includes('version')).toBe(true);
    });

    it('when validFrom is not a real date, should refuse naming validFrom', () => {
      expect(onlyProblem(candidate((b) => (b.validFrom = '2025-13-01'))).field).toBe('validFrom');
    });

    it('when validTo is before validFrom, should refuse naming validTo', () => {
      expect(onlyProblem(candidate((b) => (b.validTo = '2025-06-30')))).toEqual({
        field: 'validTo',
        message: 'must not be before validFrom 2025-07-01, got 2025-06-30',
      });
    });

    it('when validTo is left out, should refuse; a one-day set (validFrom = validTo) is accepted', () => {
      expect(onlyProblem(candidate((b) => delete b.validTo))).toEqual({
        field: 'validTo',
        message: 'is required (null when open-ended)',
      });
      expect(
        validateRuleSet(
          candidate((b) => (b.validTo = '2025-07-01')),
          [],
        ).ok,
      ).toBe(true);
    });

    it('when unknown keys appear at any depth, should refuse naming each', () => {
      expect(
        fieldsOf(
          candidate((b) => {
            b.comment = 'x';
            b.rules.conference.quorumBasis = 'TOTAL_MEMBERS';
            b.rules.awards.CO_THI_DUA_TINH.quota = 2;
          }),
        ),
      ).toEqual(['comment', 'rules.conference.quorumBasis', 'rules.awards.CO_THI_DUA_TINH.quota']);
    });

    it('when it is not an object, should refuse the body', () => {
      expect(problems(validateRuleSet([ND152], []))).toEqual([{ field: '(body)', message: 'must be an object' }]);
    });

    it('when text is sent decomposed, should return it in NFC', () => {
      const decomposed = 'Cờ thi đua của UBND tỉnh'.normalize('NFD');
      const value = accepted(
        validateRuleSet(
          candidate((b) => (b.rules.awards.CO_THI_DUA_TINH.displayName = decomposed)),
          [],
        ),
      );
      expect(value.rules.awards.CO_THI_DUA_TINH.displayName).toBe('Cờ thi đua của UBND tỉnh'.normalize('NFC'));
    });

    it('when several fields are wrong, should report every one at once', () => {
      expect(
        fieldsOf(
          candidate((b) => {
            b.version = '';
            b.rules.awards.CO_THI_DUA_TINH.threshold = 2;
            b.rules.deadlines.defaultSelfAssessmentDays = -5;
          }),
        ),
      ).toEqual(['version', 'rules.awards.CO_THI_DUA_TINH.threshold', 'rules.deadlines.defaultSelfAssessmentDays']);
    });
  });

  describe('given rule sets already stored', () => {
    it('when the candidate starts inside another set, should refuse naming validFrom and the other version', () => {
      const problem = onlyProblem(
        candidate((b) => {
          b.version = 'BK-ND152-2025.1';
          b.validFrom = '2025-01-01';
          delete b.rules.rulesVersion;
        }),
        [ND98],
      );
      expect(problem.field).toBe('validFrom');
      expect(problem.message).toContain('BK-ND98-2024');
    });

    it('when the candidate starts before another set and ends inside it, should refuse naming validTo', () => {
      const body = candidate((b) => {
        b.version = 'BK-2023';
        b.validFrom = '2023-01-01';
        b.validTo = '2024-03-31';
        delete b.rules.rulesVersion;
      });
      expect(onlyProblem(body, [ND98])).toMatchObject({ field: 'validTo', message: expect.stringContaining('BK-ND98-2024') });
    });

    it('when the candidate is open-ended and an earlier open-ended set exists, should refuse', () => {
      expect(
        fieldsOf(
          candidate((b) => ((b.version = 'BK-NEXT'), delete b.rules.rulesVersion)),
          [ND152],
        ),
      ).toEqual(['validFrom']);
    });

    it('when the sets only touch (one ends the day before the other starts), should accept', () => {
      expect(validateRuleSet(candidate(), [ND98]).ok).toBe(true);
    });

    it('when the overlapping set belongs to another province, should accept', () => {
      expect(validateRuleSet(candidate(), [{ ...ND152, provinceCode: 'HN', version: 'HN-ND152-2025' }]).ok).toBe(true);
    });

    it('when the stored set has the same version (an edit of it), should not count it as an overlap', () => {
      expect(
        validateRuleSet(
          candidate((b) => (b.validFrom = '2025-08-01')),
          [ND152],
        ).ok,
      ).toBe(true);
    });
  });

  describe('given approval chains per step', () => {
    const withChains = (chains: Json) => candidate((b) => (b.rules.approvalChains = structuredClone(chains)));

    it('when every step has a valid chain, should accept the set and keep each chain as given', () => {
      const value = accepted(validateRuleSet(withChains(STEP_CHAINS), []));
      expect(Object.keys(value.rules.approvalChains ?? {})).toEqual([...CHAIN_STEPS]);
      expect(value.rules.approvalChains).toEqual(STEP_CHAINS);
      expect(value.rules.approvalChains?.appraisal).not.toBe(PROVINCIAL_DOSSIER_APPRAISAL_CHAIN);
    });

    it.each([...CHAIN_STEPS])('when only %s has a chain, should keep that chain alone', (step) => {
      const value = accepted(validateRuleSet(withChains({ [step]: STEP_CHAINS[step] }), []));
      expect(value.rules.approvalChains).toEqual({ [step]: STEP_CHAINS[step] });
    });

    it('when approvalChains is empty or left out, should accept the set without it', () => {
      expect(accepted(validateRuleSet(withChains({}), [])).rules).not.toHaveProperty('approvalChains');
      expect(accepted(validateRuleSet(candidate(), [])).rules).not.toHaveProperty('approvalChains');
    });

    it('when a step is unknown, should refuse naming it and listing the steps with a chain', () => {
      expect(onlyProblem(withChains({ conference: STEP_CHAINS.dossierReview }))).toEqual({
        field: 'rules.approvalChains.conference',
        message: 'unknown step; the steps with a chain: selfAssessment, dossierReview, appraisal, leadershipApproval',
      });
    });

    it.each(['dossierReview', 'appraisal', 'leadershipApproval'] as const)(
      'when %s takes approvers from the subject unit, should refuse naming the step',
      (step) => {
        const chain = { ...STEP_CHAINS[step], levels: [...STEP_CHAINS.selfAssessment.levels] };
        expect(onlyProblem(withChains({ [step]: chain }))).toEqual({
          field: `rules.approvalChains.${step}`,
          message:
            'levels[0].approvers.role UNIT_HEAD: a unit role approves only in the selfAssessment chain; use BLOC_LEADER or a provincial role',
        });
      },
    );

    it('when a unit role without a scope approves the dossier, should say once that unit roles belong to the self-assessment', () => {
      const chain = structuredClone(STEP_CHAINS.dossierReview) as Json;
      chain.levels[0].approvers = { role: 'UNIT_FOCAL', label: 'Cán bộ đầu mối' };
      expect(onlyProblem(withChains({ dossierReview: chain }))).toEqual({
        field: 'rules.approvalChains.dossierReview',
        message:
          'levels[0].approvers.role UNIT_FOCAL: a unit role approves only in the selfAssessment chain; use BLOC_LEADER or a provincial role',
      });
    });

    it('when a scope is on a role that has none, should report the definition problem and the step problem', () => {
      const chain = structuredClone(STEP_CHAINS.leadershipApproval) as Json;
      chain.levels[1].approvers.scope = 'SUBJECT_UNIT';
      expect(problems(validateRuleSet(withChains({ leadershipApproval: chain }), []))).toEqual([
        {
          field: 'rules.approvalChains.leadershipApproval',
          message: 'levels[1].approvers.scope is only for UNIT_HEAD and UNIT_FOCAL',
        },
        {
          field: 'rules.approvalChains.leadershipApproval',
          message: "levels[1].approvers.scope: only a unit's self-assessment has a subject unit",
        },
      ]);
    });

    it('when the self-assessment’s unit head has no scope, should refuse naming the step', () => {
      const chain = structuredClone(STEP_CHAINS.selfAssessment) as Json;
      delete chain.levels[0].approvers.scope;
      expect(onlyProblem(withChains({ selfAssessment: chain }))).toEqual({
        field: 'rules.approvalChains.selfAssessment',
        message: "levels[0].approvers.scope SUBJECT_UNIT is required for UNIT_HEAD (the holders of the chain's own unit)",
      });
    });

    it('when one step’s chain is bad, should name that step only, however many others are valid', () => {
      const chains = structuredClone(STEP_CHAINS) as Json;
      chains.appraisal.maxReturnRounds = -1;
      chains.dossierReview = null;
      expect(problems(validateRuleSet(withChains(chains), []))).toEqual([
        {
          field: 'rules.approvalChains.dossierReview',
          message: 'must be a chain definition (code, name, levels, maxReturnRounds, afterMaxRounds)',
        },
        { field: 'rules.approvalChains.appraisal', message: 'maxReturnRounds must be a whole number >= 0: -1' },
      ]);
    });
  });
});
