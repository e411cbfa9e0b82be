import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Allow, IsInt, IsObject, IsOptional, Min } from 'class-validator';
import { demoRuleSets } from '../../../domain/rule-sets';
import { LeaderSelection } from '../../../shared/rules';

/**
 * The body of a rule set. Each field is only whitelisted here: validateRuleSet checks the whole set (types,
 * ranges, unknown keys at every depth, overlaps) and names every bad field in one 422 answer.
 */
const EXAMPLE = demoRuleSets('BK')[2];

export class RuleSetBodyDto {
  @ApiPropertyOptional({ type: 'string', example: 'BK', description: 'Optional; must equal the province in the path.' })
  @Allow()
  provinceCode?: unknown;

  @ApiProperty({ type: [String], example: EXAMPLE.legalBasis, description: 'Căn cứ pháp lý; at least one.' })
  @Allow()
  legalBasis: unknown;

  @ApiProperty({ type: 'string', example: EXAMPLE.validFrom, description: 'First day in force, YYYY-MM-DD.' })
  @Allow()
  validFrom: unknown;

  @ApiProperty({
    type: String,
    nullable: true,
    example: EXAMPLE.validTo,
    description: 'Last day in force, YYYY-MM-DD; null while open-ended. Sets of one province never overlap.',
  })
  @Allow()
  validTo: unknown;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { ...EXAMPLE.rules, rulesVersion: undefined, legalBasis: undefined },
    description:
      'ProvinceRules (src/shared/rules.ts). rulesVersion and legalBasis may be left out: they are filled from the ' +
      "rule set's version and legalBasis, and must equal them when given.",
  })
  @IsObject()
  rules: Record<string, unknown>;
}

export class CreateRuleSetDto extends RuleSetBodyDto {
  @ApiProperty({
    type: 'string',
    example: EXAMPLE.version,
    description: 'Unique in the province; [A-Za-z0-9._-], at most 64 characters.',
  })
  @Allow()
  version: unknown;
}

export class UpdateRuleSetDto extends RuleSetBodyDto {
  @ApiPropertyOptional({
    type: 'string',
    example: EXAMPLE.version,
    description: 'Optional; a version cannot change, so it must equal the path.',
  })
  @Allow()
  version?: unknown;

  @ApiPropertyOptional({
    example: 1,
    description: 'The revision the edit was made from (as read); when given and no longer current, 409 RULE_SET_CHANGED.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;
}

class AwardRuleView {
  @ApiProperty() enabled: boolean;
  @ApiProperty() displayName: string;
  @ApiProperty() threshold: number;
  @ApiProperty() thresholdBase: string;
  @ApiProperty() maxPerBloc: number;
  @ApiProperty() requiresCouncil: boolean;
  @ApiProperty() forwardedUpward: boolean;
  @ApiProperty() basis: string;
  @ApiPropertyOptional() maxShareOfMembers?: number;
}

class ConferenceRulesView {
  @ApiProperty() quorumRatio: number;
  @ApiProperty() basis: string;
}

class DeadlineRulesView {
  @ApiProperty({ description: 'Thẩm định: working days from a complete dossier' }) appraisalWorkingDays: number;
  @ApiProperty() defaultPledgeDays: number;
  @ApiProperty() defaultSelfAssessmentDays: number;
}

/**
 * ProvinceRules (src/shared/rules.ts): the parts people read on the rule-set page field by field; the rest (council,
 * eligibility, approval chains…) as the rule set holds it.
 */
@ApiExtraModels(AwardRuleView)
class ProvinceRulesView {
  @ApiProperty() rulesVersion: string;
  @ApiProperty({ type: [String] }) legalBasis: string[];
  @ApiProperty() receivingAgencyName: string;
  @ApiProperty({ enum: Object.values(LeaderSelection) }) leaderSelection: string;
  @ApiProperty({ type: ConferenceRulesView }) conference: ConferenceRulesView;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(AwardRuleView) }, description: 'By award type' })
  awards: Record<string, AwardRuleView>;
  @ApiProperty({ type: DeadlineRulesView }) deadlines: DeadlineRulesView;
}

/** What a rule set and each of its revisions hold: the content decisions apply, and who wrote it. */
class RuleSetContentView {
  @ApiProperty({ example: 'BK' })
  provinceCode: string;

  @ApiProperty({ example: EXAMPLE.version })
  version: string;

  @ApiProperty({ example: 1, description: '1 when created; each edit that changes the content adds one.' })
  revision: number;

  @ApiProperty({ type: [String], example: EXAMPLE.legalBasis })
  legalBasis: string[];

  @ApiProperty({ example: EXAMPLE.validFrom })
  validFrom: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  validTo: string | null;

  @ApiProperty({ type: ProvinceRulesView })
  rules: ProvinceRulesView;

  @ApiProperty({ example: '2026-01-05T08:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ example: 'admin' })
  createdBy: string;
}

/** A stored rule set with who created and last edited it. */
export class RuleSetView extends RuleSetContentView {
  @ApiProperty({ example: '2026-01-05T08:00:00.000Z' })
  updatedAt: string;

  @ApiProperty({ example: 'admin' })
  updatedBy: string;

  @ApiPropertyOptional({ description: 'Running cycles of the province that received the change (after a create or an edit)' })
  deliveredTo?: { cycleId: string; delivered: boolean; error?: string }[];
}

/** One revision of a rule set as it was written (createdAt/createdBy: when and by whom this revision). */
export class RuleSetRevisionView extends RuleSetContentView {
  @ApiProperty({
    example: `${EXAMPLE.version}@2`,
    description: 'What decisions under this revision record: the version, with "@revision" from the second revision on.',
  })
  decidingVersion: string;
}
