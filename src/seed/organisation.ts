import type { EntityManager } from 'typeorm';
import { OrganisationService } from '../api/organisation/organisation.service';
import { cycleMembershipDate, type UnitKind } from '../domain/organisation';
import { BlocEntity, BlocLeadershipEntity, ProvinceEntity, UnitEntity } from '../entities';
import { Role, type Actor } from '../shared/actors';

/** The seeds act as a system admin: their writes go through the API's checks and into the audit chain. */
export const SEED_ORGANISATION_ACTOR: Actor = { userId: 'seed', role: Role.ADMIN };

export interface BlocOrganisationSpec {
  provinceCode: string;
  provinceName: string;
  blocCode: string;
  blocName: string;
  /** The bloc's first year in the system: members from 1 January of it, and its initial leadership. */
  year: number;
  units: { code: string; name: string; shortName?: string; kind?: UnitKind }[];
  leaderUnitCode: string;
  deputyUnitCode: string;
  /** SEEDED for the demo and the fixtures (what the tests and pages show); the board's route records INITIAL. */
  leadershipSource?: 'SEEDED' | 'INITIAL';
  actor?: Actor;
}

/**
 * A province with one bloc, its members and the first year's leadership, written through OrganisationService (the
 * same validation and audit as the API). Idempotent: what exists is left as it is, only what is missing is created,
 * so it runs on every start and the board's later edits stay.
 */
export async function seedBlocOrganisation(m: EntityManager, spec: BlocOrganisationSpec): Promise<void> {
  const service = new OrganisationService(m.connection);
  const actor = spec.actor ?? SEED_ORGANISATION_ACTOR;
  const province = await m.findOne(ProvinceEntity, { where: { code: spec.provinceCode } });
  if (!province) await service.createProvince(m, actor, { code: spec.provinceCode, name: spec.provinceName });
  else if (province.name !== spec.provinceName)
    await service.updateProvince(m, actor, spec.provinceCode, { name: spec.provinceName });

  for (const u of spec.units) {
    if (await m.exists(UnitEntity, { where: { code: u.code } })) continue;
    await service.createUnit(m, actor, spec.provinceCode, {
      code: u.code,
      name: u.name,
      ...(u.shortName ? { shortName: u.shortName } : {}),
      ...(u.kind ? { kind: u.kind } : {}),
    });
  }

  let bloc = await m.findOne(BlocEntity, { where: { provinceCode: spec.provinceCode, code: spec.blocCode } });
  if (!bloc) {
    await service.createBloc(m, actor, spec.provinceCode, {
      code: spec.blocCode,
      name: spec.blocName,
      kind: 'KHOI',
      fromYear: spec.year,
    });
    bloc = await m.findOneByOrFail(BlocEntity, { provinceCode: spec.provinceCode, code: spec.blocCode });
  } else if (bloc.fromYear > spec.year) {
    await service.updateBloc(m, actor, spec.provinceCode, spec.blocCode, { fromYear: spec.year });
  }

  const on = cycleMembershipDate(spec.year);
  for (const u of spec.units) {
    const member: unknown[] = await m.query(
      `SELECT 1 FROM bloc_memberships WHERE bloc_id = $1 AND unit_code = $2 AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3)`,
      [bloc.id, u.code, on],
    );
    if (member.length === 0)
      await service.addMembership(m, actor, spec.provinceCode, spec.blocCode, { unitCode: u.code, validFrom: on });
  }

  if (!(await m.exists(BlocLeadershipEntity, { where: { blocId: bloc.id, year: spec.year } }))) {
    await service.setInitialLeadership(
      m,
      actor,
      spec.provinceCode,
      spec.blocCode,
      spec.year,
      { leaderUnitCode: spec.leaderUnitCode, deputyUnitCode: spec.deputyUnitCode },
      { source: spec.leadershipSource ?? 'SEEDED' },
    );
  }
}
