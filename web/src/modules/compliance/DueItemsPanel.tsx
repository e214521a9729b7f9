import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../ui/ui.tsx';

type DueItem = {
  id: string;
  requirementId: string;
  subjectType: string;
  subjectId: string;
  subjectLabel: string;
  dueOn: string;
  detail: { fr: string; en: string } | null;
};

/** The next time-based duties of the organization, overdue ones first and marked. */
export function DueItemsPanel({ orgId }: { orgId: string }) {
  const { t, lang, today: todayOf } = useI18n();
  const items = useLoad(
    () => api<DueItem[]>('GET', `/api/v1/compliance/due-items?orgId=${orgId}&limit=15`),
    [orgId],
  );
  const today = todayOf();
  if (!items.data) return null;
  return (
    <section aria-labelledby="due-title">
      <h2 id="due-title">{t('due.title')}</h2>
      {items.data.length === 0 ? (
        <p className="hint">{t('due.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('due.dueOn')}</th>
              <th scope="col">{t('due.subject')}</th>
              <th scope="col">{t('due.what')}</th>
              <th scope="col">{t('due.requirement')}</th>
            </tr>
          </thead>
          <tbody>
            {items.data.map((d) => (
              <tr key={d.id}>
                <td>
                  {d.dueOn} {d.dueOn < today && <span className="badge badge-bad">{t('due.overdue')}</span>}
                </td>
                <td>
                  {d.subjectType === 'asset' ? (
                    <Link to={`/assets/${d.subjectId}`}>{d.subjectLabel}</Link>
                  ) : (
                    d.subjectLabel
                  )}
                </td>
                <td>{d.detail?.[lang] ?? '—'}</td>
                <td>{d.requirementId}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
