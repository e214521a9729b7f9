import { createContext, type ReactNode, useContext, useId, useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useLoad } from '../ui/ui.tsx';
import { useMe } from './session.tsx';

// The organization the pages show: the user's own by default; a regional user picks an establishment or a site to
// see its dashboard, inventory and reports. Remembered for the browser tab.

type Org = { id: string; parentId: string | null; name: string; kind: string };
type CurrentOrg = { orgId: string; setOrgId(id: string): void; orgs: { org: Org; depth: number }[] };

const CurrentOrgContext = createContext<CurrentOrg | undefined>(undefined);
const storageKey = 'vigie.currentOrg';

/** The organizations as a tree, each after its parent, with its depth for indentation. */
function asTree(orgs: Org[]): { org: Org; depth: number }[] {
  const ids = new Set(orgs.map((o) => o.id));
  const children = (parentId: string | null) =>
    orgs.filter((o) => (parentId === null ? !o.parentId || !ids.has(o.parentId) : o.parentId === parentId));
  const walk = (parentId: string | null, depth: number): { org: Org; depth: number }[] =>
    children(parentId).flatMap((org) => [{ org, depth }, ...walk(org.id, depth + 1)]);
  return walk(null, 0);
}

export function CurrentOrgProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const list = useLoad(() => api<Org[]>('GET', '/api/v1/orgs'));
  const [chosen, setChosen] = useState(() => sessionStorage.getItem(storageKey));
  const value = useMemo<CurrentOrg>(() => {
    const orgs = asTree(list.data ?? []);
    const known = chosen && orgs.some((o) => o.org.id === chosen);
    return {
      orgId: known ? chosen : me.user.orgId,
      orgs,
      setOrgId: (id) => {
        sessionStorage.setItem(storageKey, id);
        setChosen(id);
      },
    };
  }, [list.data, chosen, me.user.orgId]);
  return <CurrentOrgContext.Provider value={value}>{children}</CurrentOrgContext.Provider>;
}

export function useCurrentOrg(): CurrentOrg {
  const value = useContext(CurrentOrgContext);
  if (!value) throw new Error('useCurrentOrg outside CurrentOrgProvider');
  return value;
}

/**
 * Each organization's name by its id, for a page whose rows may belong to several (a region's inventory): two
 * establishments may each have a "DIALYSE-02". Undefined when the user sees one organization only.
 */
export function useOrgNames(): ((id: string) => string) | undefined {
  const { orgs } = useCurrentOrg();
  return useMemo(() => {
    if (orgs.length < 2) return undefined;
    const names = new Map(orgs.map(({ org }) => [org.id, org.name]));
    return (id: string) => names.get(id) ?? '—';
  }, [orgs]);
}

/** Shown when the user sees more than one organization. */
export function OrgPicker() {
  const { t } = useI18n();
  const { orgId, setOrgId, orgs } = useCurrentOrg();
  const id = useId();
  if (orgs.length < 2) return null;
  return (
    <div className="org-picker">
      <label htmlFor={id}>{t('org.current')}</label>
      <select id={id} value={orgId} onChange={(e) => setOrgId(e.target.value)}>
        {orgs.map(({ org, depth }) => (
          <option key={org.id} value={org.id}>
            {`${'\u00a0\u00a0'.repeat(depth)}${org.name}`}
          </option>
        ))}
      </select>
    </div>
  );
}
