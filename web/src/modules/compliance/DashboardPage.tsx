import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useMe } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert, Page, useAction, useLoad } from '../../ui/ui.tsx';
import { obligationPath, useCatalog } from './catalog.tsx';
import { DueItemsPanel } from './DueItemsPanel.tsx';
import { loadStatus, percent, StatusBadge, type StatusView, useOrgId } from './status.tsx';
import { TrendChart } from './TrendChart.tsx';

export function DashboardPage() {
  const { t, lang, formatDateTime } = useI18n();
  const me = useMe();
  const orgId = useOrgId();
  const catalog = useCatalog();
  const status = useLoad(() => loadStatus(orgId, 0), [orgId]);
  const history = useLoad(
    () =>
      api<{ id: string; evaluatedAt: string; score: number }[]>(
        'GET',
        `/api/v1/compliance/history?orgId=${orgId}`,
      ),
    [orgId],
  );
  const evaluate = useAction(async () => {
    await api<StatusView>('POST', '/api/v1/compliance/evaluate', { orgId });
    status.reload();
    history.reload();
  });
  const evaluation = status.data;
  const byId = new Map(evaluation?.obligations.map((o) => [o.id, o]));
  const reportUrl = (format: string) =>
    `/api/v1/compliance/report?orgId=${orgId}&format=${format}&lang=${lang}`;
  return (
    <Page title={t('dashboard.title')}>
      {status.error && <Alert kind="error">{status.error}</Alert>}
      {evaluation ? (
        <div className="summary">
          <p>
            {t('dashboard.overall')} <StatusBadge status={evaluation.status} />{' '}
            <strong className="score">{percent(evaluation.score)}</strong>
          </p>
          <p className="hint">
            {t('dashboard.evaluatedAt', { at: formatDateTime(evaluation.evaluatedAt) })}{' '}
            {t('dashboard.counts', {
              measured: evaluation.counts.measured,
              declared: evaluation.counts.declared,
              notEvaluated: evaluation.counts.notEvaluated,
            })}
          </p>
        </div>
      ) : (
        status.data === null && <p>{t('dashboard.neverEvaluated')}</p>
      )}
      <div className="actions">
        {me.permissions.includes('compliance.evaluate') && (
          <button type="button" onClick={() => void evaluate.run()} disabled={evaluate.pending}>
            {evaluate.pending ? t('common.loading') : t('dashboard.evaluate')}
          </button>
        )}
        {evaluation && (
          <>
            <a className="button" href={reportUrl('html')}>
              {t('dashboard.reportHtml')}
            </a>
            <a className="button" href={reportUrl('pdf')}>
              {t('dashboard.reportPdf')}
            </a>
            <a className="button" href={reportUrl('json')}>
              JSON
            </a>
          </>
        )}
      </div>
      {evaluate.error && <Alert kind="error">{evaluate.error}</Alert>}
      {!catalog && <p>{t('common.loading')}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.obligation')}</th>
            <th scope="col">{t('dashboard.status')}</th>
            <th scope="col">{t('dashboard.score')}</th>
            <th scope="col">{t('dashboard.measuredDeclared')}</th>
          </tr>
        </thead>
        <tbody>
          {catalog?.obligations.map((o) => {
            const result = byId.get(o.id);
            const measured = result?.requirements.filter((r) => r.mode === 'measured').length ?? 0;
            return (
              <tr key={o.id}>
                <td>
                  <Link to={obligationPath(o)}>
                    {o.id}. {o.title[lang]}
                  </Link>
                </td>
                <td>
                  <StatusBadge status={result?.status ?? 'not_evaluated'} />
                </td>
                <td>{percent(result?.score ?? null)}</td>
                <td>{t('dashboard.modeCounts', { measured, declared: o.requirements.length - measured })}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint">{t('dashboard.declaredHint')}</p>
      <DueItemsPanel orgId={orgId} />
      <h2>{t('dashboard.trend')}</h2>
      <TrendChart points={history.data ?? []} />
      {(history.data?.length ?? 0) > 1 && (
        <details>
          <summary>{t('dashboard.earlier')}</summary>
          <ul>
            {[...(history.data ?? [])].reverse().map((h) => (
              <li key={h.id}>
                {formatDateTime(h.evaluatedAt)} — {percent(h.score)} —{' '}
                <a href={`${reportUrl('html')}&evaluationId=${h.id}`}>{t('dashboard.reportHtml')}</a>
              </li>
            ))}
          </ul>
        </details>
      )}
    </Page>
  );
}
