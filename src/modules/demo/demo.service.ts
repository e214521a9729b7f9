// The demo organization: a fictional CISSS with two establishments, their sites, people and the hospital's
// inventory, so that a newcomer sees a populated product. Loading it twice changes nothing.
import { fileURLToPath } from 'node:url';
import { cliActor } from '../../core/auth/actor.ts';
import type { Role } from '../../core/auth/permissions.ts';
import type { AssetsService } from '../assets/assets.service.ts';
import { fileSource } from '../assets/importers/import-source.ts';
import type { OrgsService } from '../orgs/orgs.service.ts';
import type { UsersService } from '../users/users.service.ts';

export const demoOrganizationName = 'CISSS de démonstration des Laurentides-du-Nord';

const establishments = [
  {
    name: 'Hôpital régional de Val-des-Pins',
    sites: ['Pavillon principal', 'Centre de dialyse'],
    people: [
      { fullName: 'Geneviève Tremblay', jobTitle: 'Chef du service des technologies biomédicales' },
      { fullName: 'Marc-André Gagnon', jobTitle: 'Technicien en informatique' },
      { fullName: 'Nadia Haddad', jobTitle: 'Infirmière-chef, soins intensifs' },
    ],
  },
  {
    name: 'CHSLD du Lac-Castor',
    sites: ['Résidence Lac-Castor'],
    people: [
      { fullName: 'Louis Bergeron', jobTitle: 'Responsable des bâtiments' },
      { fullName: 'Sophie Lavoie', jobTitle: 'Gestionnaire des soins' },
    ],
  },
];

const demoAccounts: { email: string; displayName: string; role: Role; establishment?: number }[] = [
  { email: 'securite@demo.vigie.local', displayName: 'Julie Côté', role: 'security_officer' },
  { email: 'auditeur@demo.vigie.local', displayName: 'Pierre Roy', role: 'auditor' },
  {
    email: 'biomed@demo.vigie.local',
    displayName: 'Geneviève Tremblay',
    role: 'biomedical_engineer',
    establishment: 0,
  },
  { email: 'gestion@demo.vigie.local', displayName: 'Sophie Lavoie', role: 'manager', establishment: 1 },
];

const demoInventory = fileURLToPath(new URL('./data/hopital-val-des-pins.csv', import.meta.url));

export function createDemoService(deps: {
  orgs: OrgsService;
  users: UsersService;
  assets: Pick<AssetsService, 'importAssets'>;
}) {
  return {
    /** Loads the demo; answers the accounts created now with their one-time passwords (none on a re-run). */
    async load() {
      const existing = (await deps.orgs.list(cliActor)).find(
        (o) => o.name === demoOrganizationName && !o.parentId,
      );
      if (existing) return { orgId: existing.id, created: false, accounts: [] };
      const region = await deps.orgs.create(cliActor, { name: demoOrganizationName, kind: 'region' });
      const establishmentIds: string[] = [];
      for (const e of establishments) {
        const est = await deps.orgs.create(cliActor, {
          name: e.name,
          kind: 'establishment',
          parentId: region.id,
        });
        establishmentIds.push(est.id);
        for (const site of e.sites)
          await deps.orgs.create(cliActor, { name: site, kind: 'site', parentId: est.id });
        for (const person of e.people) await deps.orgs.createPerson(cliActor, { orgId: est.id, ...person });
      }
      const accounts: { email: string; role: Role; oneTimePassword: string }[] = [];
      for (const a of demoAccounts) {
        const orgId = a.establishment === undefined ? region.id : establishmentIds[a.establishment]!;
        const created = await deps.users.create(cliActor, {
          email: a.email,
          displayName: a.displayName,
          role: a.role,
          orgId,
        });
        accounts.push({ email: a.email, role: a.role, oneTimePassword: created.oneTimePassword });
      }
      // The hospital's inventory, with the gaps a real one has: a pump without its OS version, versions past
      // their end of life. The dashboard then shows measured statuses and failing items from the first sign-in.
      await deps.assets.importAssets(cliActor, fileSource(demoInventory), {
        orgId: establishmentIds[0]!,
        format: 'csv',
      });
      return { orgId: region.id, created: true, accounts };
    },
  };
}

export type DemoService = ReturnType<typeof createDemoService>;
