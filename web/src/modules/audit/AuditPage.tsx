import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert, Field, Page, SelectField, useLoad } from '../../ui/ui.tsx';

type Entry = {
  seq: number;
  at: string;
  actorLabel: string;
  action: string;
  outcome: 'success' | 'failure';
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
};
type Filters = { action: string; actor: string; outcome: string; from: string; to: string };

const emptyFilters: Filters = { action: '', actor: '', outcome: '', from: '', to: '' };

function queryOf(filters: Filters): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  // Days are the user's days: from the start of the first to the end of the last, in the browser's time zone.
  if (filters.from) query.set('from', new Date(`${filters.from}T00:00:00`).toISOString());
  if (filters.to) query.set('to', new Date(`${filters.to}T23:59:59.999`).toISOString());
  return query;
}

export function AuditPage() {
  const { t, formatDateTime } = useI18n();
  const [draft, setDraft] = useState<Filters>(emptyFilters);
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const [extra, setExtra] = useState<Entry[]>([]);
  // One page of 50 entries, newest first; the next page starts below the last entry shown.
  const fetchPage = (beforeSeq?: number) => {
    const query = queryOf(filters);
    query.set('limit', '50');
    if (beforeSeq) query.set('beforeSeq', String(beforeSeq));
    return api<{ entries: Entry[]; total: number }>('GET', `/api/v1/audit?${query}`);
  };
  const page = useLoad(async () => {
    setExtra([]);
    return fetchPage();
  }, [filters]);
  const entries = [...(page.data?.entries ?? []), ...extra];
  const loadMore = async () => {
    const last = entries[entries.length - 1];
    if (!last) return;
    const next = await fetchPage(last.seq);
    setExtra([...extra, ...next.entries]);
  };
  const set = (key: keyof Filters) => (value: string) => setDraft({ ...draft, [key]: value });

  return (
    <Page title={t('audit.title')}>
      <p>{t('audit.intro')}</p>
      <form
        className="filters"
        aria-label={t('audit.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <Field
          label={t('audit.action')}
          name="action"
          value={draft.action}
          onChange={(e) => set('action')(e.target.value)}
        />
        <Field
          label={t('audit.actor')}
          name="actor"
          value={draft.actor}
          onChange={(e) => set('actor')(e.target.value)}
        />
        <SelectField
          label={t('audit.outcome')}
          value={draft.outcome}
          onChange={set('outcome')}
          options={[
            { value: '', label: t('audit.outcomeAny') },
            { value: 'success', label: t('audit.success') },
            { value: 'failure', label: t('audit.failure') },
          ]}
        />
        <Field
          label={t('audit.from')}
          type="date"
          value={draft.from}
          onChange={(e) => set('from')(e.target.value)}
        />
        <Field
          label={t('audit.to')}
          type="date"
          value={draft.to}
          onChange={(e) => set('to')(e.target.value)}
        />
        <button type="submit">{t('audit.apply')}</button>
        <a className="button" href={`/api/v1/audit/export.csv?${queryOf(filters)}`} download>
          {t('audit.export')}
        </a>
      </form>
      {page.error && <Alert kind="error">{page.error}</Alert>}
      {page.data && <p>{t('audit.total', { count: page.data.total })}</p>}
      <table data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.outcome')}</th>
            <th scope="col">{t('audit.target')}</th>
            <th scope="col">{t('audit.address')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td className="nowrap">{formatDateTime(e.at, 'second')}</td>
              <td>{e.actorLabel}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>
                <span className={`badge ${e.outcome === 'failure' ? 'badge-bad' : 'badge-good'}`}>
                  {e.outcome === 'failure' ? t('audit.failure') : t('audit.success')}
                </span>
              </td>
              <td>{e.targetType ? `${e.targetType} ${e.targetId?.slice(0, 8) ?? ''}` : ''}</td>
              <td>{e.ip}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.data && entries.length < page.data.total && (
        <button type="button" onClick={() => void loadMore()}>
          {t('audit.more')}
        </button>
      )}
    </Page>
  );
}
