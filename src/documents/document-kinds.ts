/**
 * The documents a bloc's cycle produces, when each exists, and the placeholders its template may use. A template
 * is checked against its kind's tags on upload: an unknown placeholder or a missing required one is refused by name.
 */

export const DOCUMENT_KINDS = [
  'giao-uoc',
  'bien-ban-hoi-nghi',
  'bien-ban-kiem-phieu',
  'to-trinh',
  'bao-cao-thanh-tich',
  'quyet-dinh',
] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const isDocumentKind = (value: string): value is DocumentKind => (DOCUMENT_KINDS as readonly string[]).includes(value);

/** The papers of the province's award round (one round, several blocs and direct proposals). */
export const ROUND_DOCUMENT_KINDS = [
  'to-trinh-de-nghi-khen-thuong',
  'bien-ban-hop-hoi-dong',
  'quyet-dinh-khen-thuong',
  'to-trinh-co-thi-dua-chinh-phu',
] as const;

export type RoundDocumentKind = (typeof ROUND_DOCUMENT_KINDS)[number];

export const isRoundDocumentKind = (value: string): value is RoundDocumentKind =>
  (ROUND_DOCUMENT_KINDS as readonly string[]).includes(value);

/** Every kind a province keeps a template of. */
export const TEMPLATE_KINDS = [...DOCUMENT_KINDS, ...ROUND_DOCUMENT_KINDS] as const;
export type TemplateKind = DocumentKind | RoundDocumentKind;
export const isTemplateKind = (value: string): value is TemplateKind => isDocumentKind(value) || isRoundDocumentKind(value);

export const DOCUMENT_FORMATS = ['docx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_MIME = 'application/pdf';

/** A loop's item tags, or `true` for a plain value; `'.'` is the item itself (a list of strings). */
export interface TagSpec {
  [tag: string]: true | TagSpec;
}

const COMMON: TagSpec = {
  issuerParent: true,
  issuerName: true,
  number: true,
  placeDate: true,
  docType: true,
  subject: true,
  recipients: { '.': true },
  signAuthority: true,
  signTitle: true,
  signerName: true,
};

const signers: TagSpec = { role: true, name: true };

interface KindSpec {
  titleVi: string;
  /** When the document exists, for people (the 409 says it). */
  availableWhenVi: string;
  tags: TagSpec;
  /** Placeholders a template must keep: without them the document would lose what the law asks of it. */
  required: string[];
  /** One document per nominee unit (`unitCode` in the query). */
  perNominee?: boolean;
  /** A round's document of which there is one per session, decision or submission: the query parameter naming it. */
  per?: 'sessionId' | 'decisionNumber' | 'submissionId';
}

export const DOCUMENT_SPECS: Record<TemplateKind, KindSpec> = {
  'giao-uoc': {
    titleVi: 'Bản giao ước thi đua',
    availableWhenVi: 'sau khi Trưởng khối phát động thi đua',
    tags: {
      ...COMMON,
      year: true,
      blocName: true,
      plan: true,
      pledgeText: true,
      signedCount: true,
      unitCount: true,
      signatures: { stt: true, unitName: true, signedOnText: true, note: true },
    },
    required: ['signatures', 'pledgeText'],
  },
  'bien-ban-hoi-nghi': {
    titleVi: 'Biên bản hội nghị bình xét thi đua',
    availableWhenVi: 'sau khi kết thúc bỏ phiếu tại hội nghị',
    tags: {
      ...COMMON,
      year: true,
      nextYear: true,
      blocName: true,
      heldOnText: true,
      location: true,
      chairedBy: true,
      membersTotal: true,
      presentCount: true,
      absentCount: true,
      present: { '.': true },
      absent: { '.': true },
      quorumText: true,
      ranking: { rank: true, unitName: true, totalText: true, selfTotalText: true },
      hasAdjustments: {},
      adjustments: { unitName: true, criterion: true, pointsText: true, reason: true },
      roundCount: true,
      decisions: { '.': true },
      nextLeader: true,
      nextDeputy: true,
      rulesVersion: true,
      signers,
    },
    required: ['ranking', 'quorumText', 'decisions'],
  },
  'bien-ban-kiem-phieu': {
    titleVi: 'Biên bản kiểm phiếu',
    availableWhenVi: 'sau khi kết thúc bỏ phiếu tại hội nghị',
    tags: {
      ...COMMON,
      year: true,
      blocName: true,
      heldOnText: true,
      location: true,
      roundCount: true,
      rounds: {
        round: true,
        issued: true,
        returned: true,
        valid: true,
        invalid: true,
        awards: {
          award: true,
          thresholdText: true,
          maxPerBloc: true,
          candidates: { stt: true, unitName: true, votes: true, ratio: true, result: true },
        },
        elections: { seat: true, result: true, candidates: { unitName: true, votes: true } },
      },
      hasTieBreaks: {},
      tieBreaks: { item: true, tied: true, chosen: true, by: true },
      board: signers,
    },
    required: ['rounds', 'board'],
  },
  'to-trinh': {
    titleVi: 'Tờ trình đề nghị khen thưởng của khối',
    availableWhenVi: 'sau khi Trưởng khối nộp hồ sơ đề nghị khen thưởng',
    tags: {
      ...COMMON,
      year: true,
      blocName: true,
      addressee: true,
      addresseeShort: true,
      legalBasis: { '.': true },
      heldOnShort: true,
      nomineeCount: true,
      nominees: { stt: true, unitName: true, awardName: true, totalText: true, votesText: true },
    },
    required: ['nominees', 'number'],
  },
  'bao-cao-thanh-tich': {
    titleVi: 'Báo cáo thành tích của tập thể',
    availableWhenVi: 'sau khi hội nghị bình xét chọn được tập thể đề nghị khen thưởng',
    tags: {
      ...COMMON,
      year: true,
      blocName: true,
      unitName: true,
      womenText: true,
      scores: { code: true, name: true, maxText: true, selfText: true, pointsText: true },
      totalText: true,
      rank: true,
      unitCount: true,
      awardName: true,
      votesText: true,
      ratingText: true,
      hasAwards: {},
      awards: { year: true, awardName: true, decision: true },
      formBasis: true,
      signers,
    },
    required: ['unitName', 'scores'],
    perNominee: true,
  },
  'quyet-dinh': {
    titleVi: 'Quyết định khen thưởng của Chủ tịch UBND tỉnh',
    availableWhenVi: 'sau khi Chủ tịch UBND tỉnh ban hành quyết định',
    tags: {
      ...COMMON,
      year: true,
      deciderTitle: true,
      deciderShort: true,
      legalBasis: { '.': true },
      proposer: true,
      awardeeCount: true,
      dateText: true,
      annex: { stt: true, name: true, awardName: true },
    },
    required: ['annex', 'number', 'dateText'],
  },
  'to-trinh-de-nghi-khen-thuong': {
    titleVi: 'Tờ trình đề nghị Chủ tịch UBND tỉnh khen thưởng (Sở Nội vụ)',
    availableWhenVi: 'sau khi Trưởng phòng Thi đua - Khen thưởng duyệt kết quả thẩm định',
    tags: {
      ...COMMON,
      year: true,
      roundTitle: true,
      addressee: true,
      addresseeShort: true,
      legalBasis: { '.': true },
      approvedOnText: true,
      itemCount: true,
      blocCount: true,
      groups: {
        awardName: true,
        count: true,
        targetText: true,
        rows: { stt: true, unitName: true, proposedBy: true, votesText: true, note: true },
      },
      hasNotRecommended: {},
      notRecommended: { unitName: true, awardName: true, reason: true },
    },
    required: ['groups', 'addressee'],
  },
  'bien-ban-hop-hoi-dong': {
    titleVi: 'Biên bản họp Hội đồng Thi đua - Khen thưởng tỉnh',
    availableWhenVi: 'sau khi phiên họp của Hội đồng bế mạc hoặc hoãn',
    tags: {
      ...COMMON,
      year: true,
      sessionLabel: true,
      heldOnText: true,
      location: true,
      chairedBy: true,
      secretary: true,
      membersTotal: true,
      presentCount: true,
      writtenCount: true,
      absentCount: true,
      present: { name: true, roleText: true },
      written: { name: true, roleText: true },
      absent: { name: true, roleText: true },
      quorumText: true,
      thresholdText: true,
      hasVotes: {},
      votes: {
        stt: true,
        unitName: true,
        awardName: true,
        proposedBy: true,
        votesFor: true,
        votesAgainst: true,
        invalid: true,
        required: true,
        result: true,
      },
      passedCount: true,
      rejectedCount: true,
      hasRejections: {},
      rejections: { unitName: true, awardName: true, reason: true },
      adjourned: {},
      adjournReason: true,
      resultText: true,
      rulesVersion: true,
      signers,
    },
    required: ['present', 'absent', 'quorumText', 'votes', 'signers'],
    per: 'sessionId',
  },
  'quyet-dinh-khen-thuong': {
    titleVi: 'Quyết định khen thưởng của Chủ tịch UBND tỉnh (đợt xét của tỉnh)',
    availableWhenVi: 'sau khi Chủ tịch UBND tỉnh ban hành quyết định trong đợt xét',
    tags: {
      ...COMMON,
      year: true,
      deciderTitle: true,
      deciderShort: true,
      legalBasis: { '.': true },
      proposer: true,
      awardeeCount: true,
      awardSummary: true,
      dateText: true,
      rulesVersion: true,
      hasForwarded: {},
      forwarded: { stt: true, name: true, proposedBy: true },
      annex: { stt: true, name: true, awardName: true, proposedBy: true },
    },
    required: ['annex', 'number', 'dateText'],
    per: 'decisionNumber',
  },
  'to-trinh-co-thi-dua-chinh-phu': {
    titleVi: 'Tờ trình đề nghị tặng Cờ thi đua của Chính phủ',
    availableWhenVi: 'sau khi Sở Nội vụ gửi hồ sơ đề nghị lên Trung ương',
    tags: {
      ...COMMON,
      year: true,
      addressee: true,
      addresseeShort: true,
      legalBasis: { '.': true },
      decisionsText: true,
      candidateCount: true,
      candidates: { stt: true, unitName: true, proposedBy: true, votesText: true, decision: true },
      hasResends: {},
      resendsText: true,
    },
    required: ['candidates', 'number'],
    per: 'submissionId',
  },
};
