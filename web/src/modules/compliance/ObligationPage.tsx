import { useParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert, Page } from '../../ui/ui.tsx';
import { useCatalog } from './catalog.tsx';

export function ObligationPage() {
  const { t, lang } = useI18n();
  const { id } = useParams();
  const catalog = useCatalog();
  if (!catalog) return <p>{t('common.loading')}</p>;
  const obligation = catalog.obligations.find((o) => o.id === id);
  if (!obligation) return <NotFoundPage />;
  return (
    <Page title={`${obligation.id}. ${obligation.title[lang]}`}>
      <Alert kind="info">{t('obligation.notBuilt')}</Alert>
      <p className="hint">{t('obligation.source', { n: obligation.id })}</p>
      {obligation.requirements.map((r) => (
        <article key={r.id} className="panel requirement" aria-labelledby={`req-${r.id}`}>
          <h2 id={`req-${r.id}`}>
            {r.id} <span className="badge badge-neutral">{t('status.notEvaluated')}</span>
          </h2>
          <p>{r.text[lang]}</p>
          <dl className="facts">
            <dt>{t('requirement.evaluation')}</dt>
            <dd>
              {r.evaluation === 'attestation' ? t('requirement.attestation') : r.evaluation.checks.join(', ')}
            </dd>
            <dt>{t('requirement.evidence')}</dt>
            <dd>{r.evidence[lang]}</dd>
            {r.recurrence && (
              <>
                <dt>{t('requirement.recurrence')}</dt>
                <dd>{t(`recurrence.${r.recurrence}` as MessageKey)}</dd>
              </>
            )}
          </dl>
        </article>
      ))}
    </Page>
  );
}
