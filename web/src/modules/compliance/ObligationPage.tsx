import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { useMe } from '../../app/session.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert, Page, useLoad } from '../../ui/ui.tsx';
import { AttestationForm } from './AttestationForm.tsx';
import { type Obligation, useCatalog } from './catalog.tsx';
import { loadStatus, percent, type RequirementView, StatusBadge, useOrgId } from './status.tsx';

export function ObligationPage() {
  const { t, lang } = useI18n();
  const { id } = useParams();
  const catalog = useCatalog();
  const orgId = useOrgId();
  const status = useLoad(() => loadStatus(orgId, 100, id), [orgId, id]);
  if (!catalog) return <p>{t('common.loading')}</p>;
  const obligation = catalog.obligations.find((o) => o.id === id);
  if (!obligation) return <NotFoundPage />;
  const results = status.data?.obligations.find((o) => o.id === obligation.id);
  const measured = obligation.requirements.some((r) => r.evaluation !== 'attestation');
  return (
    <Page title={`${obligation.id}. ${obligation.title[lang]}`}>
      {!measured && <Alert kind="info">{t('obligation.notBuilt')}</Alert>}
      <p className="hint">{t('obligation.source', { n: obligation.id })}</p>
      {results && (
        <p>
          <StatusBadge status={results.status} /> <strong>{percent(results.score)}</strong>
        </p>
      )}
      {obligation.requirements.map((r) => (
        <RequirementPanel
          key={r.id}
          requirement={r}
          result={results?.requirements.find((x) => x.id === r.id)}
          onAttested={status.reload}
        />
      ))}
    </Page>
  );
}

function RequirementPanel(props: {
  requirement: Obligation['requirements'][number];
  result: RequirementView | undefined;
  onAttested(): void;
}) {
  const { t, lang, formatDateTime } = useI18n();
  const me = useMe();
  const { requirement: r, result } = props;
  return (
    <article className="panel requirement" aria-labelledby={`req-${r.id}`}>
      <h2 id={`req-${r.id}`}>
        {r.id} <StatusBadge status={result?.status ?? 'not_evaluated'} />{' '}
        <span className={`mode mode-${result?.mode ?? 'declared'}`}>
          {(result?.mode ?? (r.evaluation === 'attestation' ? 'declared' : 'measured')) === 'measured'
            ? t('mode.measured')
            : t('mode.declared')}
        </span>
      </h2>
      <p>{r.text[lang]}</p>
      {result && <p className="summary-text">{result.summary[lang]}</p>}
      {result && result.failingCount > 0 && (
        <details open className="failing">
          <summary>{t('requirement.failing', { n: result.failingCount })}</summary>
          <ul>
            {result.failing.map((f) => (
              // An item of a region's result may share its name with one of another establishment: its id keys it.
              <li key={f.ref?.id ?? `${f.item}-${f.reason.en}`}>
                {f.ref?.type === 'asset' ? (
                  <Link to={`/assets/${f.ref.id}`}>{f.item}</Link>
                ) : (
                  <strong>{f.item}</strong>
                )}
                {f.org && ` (${f.org})`}
                {' : '}
                {f.reason[lang]}
              </li>
            ))}
            {result.failingCount > result.failing.length && (
              <li>{t('requirement.moreFailing', { n: result.failingCount - result.failing.length })}</li>
            )}
          </ul>
        </details>
      )}
      {result && result.evidence.length > 0 && (
        <>
          <h3>{t('requirement.evidenceGiven')}</h3>
          <ul>
            {result.evidence.map((e) => (
              <li key={e.label.en}>
                {e.ref?.type === 'assets' ? <Link to="/assets">{e.label[lang]}</Link> : e.label[lang]}
                {e.ref?.type === 'attestation' && result.attestation?.evidenceName && (
                  <>
                    {' '}
                    <a href={`/api/v1/compliance/attestations/${e.ref.id}/evidence`}>
                      {t('requirement.download')}
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
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
        {result?.attestation && (
          <>
            <dt>{t('requirement.declaredBy')}</dt>
            <dd>
              {result.attestation.declaredBy}, {formatDateTime(result.attestation.createdAt)}
            </dd>
          </>
        )}
      </dl>
      {me.permissions.includes('compliance.attest') && (
        <AttestationForm
          requirementId={r.id}
          measured={r.evaluation !== 'attestation'}
          onDone={props.onAttested}
        />
      )}
    </article>
  );
}
