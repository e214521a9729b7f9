import { criticalities } from '../../../../src/modules/assets/assets.vocabulary.ts';
import { api } from '../../api/client.ts';
import { useMe } from '../../app/session.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert, Page, useAction, useLoad } from '../../ui/ui.tsx';

type CriticalAsset = {
  id: string;
  name: string;
  criticality: string | null;
  description: string | null;
  assets: number;
};

/** The systems and processes whose loss would harm patients or the mission, and how critical each is. */
export function CriticalAssetsPage() {
  const { t } = useI18n();
  const me = useMe();
  const list = useLoad(() => api<CriticalAsset[]>('GET', '/api/v1/critical-assets'));
  const save = useAction(async (row: CriticalAsset, criticality: string) => {
    await api('PATCH', `/api/v1/critical-assets/${row.id}`, {
      criticality: criticality || null,
      description: row.description,
    });
    list.reload();
  });
  const canManage = me.permissions.includes('assets.manage');
  return (
    <Page title={t('critical.title')}>
      <p className="hint">{t('critical.intro')}</p>
      {(list.error || save.error) && <Alert kind="error">{list.error ?? save.error}</Alert>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('asset.name')}</th>
            <th scope="col">{t('asset.criticality')}</th>
            <th scope="col">{t('critical.assets')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.map((row) => (
            <tr key={row.id}>
              <td>{row.name}</td>
              <td>
                {canManage ? (
                  <select
                    aria-label={`${t('asset.criticality')} — ${row.name}`}
                    value={row.criticality ?? ''}
                    onChange={(e) => void save.run(row, e.target.value)}
                  >
                    <option value="">—</option>
                    {criticalities.map((c) => (
                      <option key={c} value={c}>
                        {t(`criticality.${c}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                ) : row.criticality ? (
                  t(`criticality.${row.criticality}` as MessageKey)
                ) : (
                  '—'
                )}
              </td>
              <td>{row.assets}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
