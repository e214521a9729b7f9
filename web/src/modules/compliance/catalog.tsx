import { createContext, type ReactNode, useContext } from 'react';
import type { Catalog } from '../../../../src/modules/compliance/catalog/catalog.schema.ts';
import { api } from '../../api/client.ts';
import { useLoad } from '../../ui/ui.tsx';

export type { Catalog };
export type Obligation = Catalog['obligations'][number];

// The directive's catalog, fetched once after sign-in: the navigation, the dashboard and the obligation pages read it.
const CatalogContext = createContext<Catalog | undefined>(undefined);

export function CatalogProvider({ children }: { children: ReactNode }) {
  const { data } = useLoad(() => api<Catalog>('GET', '/api/v1/compliance/frameworks/msss-directive'));
  return <CatalogContext.Provider value={data}>{children}</CatalogContext.Provider>;
}

/** The catalog, or undefined while it loads. */
export function useCatalog(): Catalog | undefined {
  return useContext(CatalogContext);
}

export const obligationPath = (o: Obligation) => `/obligations/${o.id}`;
