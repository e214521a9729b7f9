import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import { osLabel } from '../../../../src/modules/assets/assets.format.ts';
import type { assetDetailSchema } from '../../../../src/modules/assets/assets.schemas.ts';
import { api, type Jsonified } from '../../api/client.ts';
import { useOrgNames } from '../../app/current-org.tsx';
import { useMe } from '../../app/session.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert, Field, Form, Page, useAction, useLoad } from '../../ui/ui.tsx';
import { obligationPath, useCatalog } from '../compliance/catalog.tsx';
import { AssetEditForm, EolExceptionForm } from './AssetEditForm.tsx';

type AssetDetail = Jsonified<z.infer<typeof assetDetailSchema>>;

const lifecycleBadge = {
  supported: 'badge-good',
  ending_soon: 'badge-warn',
  extended_support: 'badge-bad',
  ended: 'badge-bad',
  unknown: 'badge-neutral',
} as const;

export function AssetPage() {
  const { id } = useParams();
  const { t, lang, formatDateTime } = useI18n();
  const me = useMe();
  const orgNames = useOrgNames();
  const catalog = useCatalog();
  const detail = useLoad(() => api<AssetDetail>('GET', `/api/v1/assets/${id}`), [id]);
  const review = useAction(async () => {
    await api('POST', `/api/v1/assets/${id}/review`, {});
    detail.reload();
  });
  if (detail.error)
    return (
      <Page title={t('asset.title')}>
        <Alert kind="error">{detail.error}</Alert>
      </Page>
    );
  if (!detail.data) return <p>{t('common.loading')}</p>;
  const { asset, lifecycle, events, services, problems } = detail.data;
  const canManage = me.permissions.includes('assets.manage') && asset.status !== 'retired';
  const obligationOf = (requirementId: string) =>
    catalog?.obligations.find((o) => o.requirements.some((r) => r.id === requirementId));
  const fields: [MessageKey, string | null][] = [
    ...(orgNames ? [['asset.org', orgNames(asset.orgId)] as [MessageKey, string]] : []),
    ['asset.status', t(`assetStatus.${asset.status}` as MessageKey)],
    ['asset.category', asset.category && t(`category.${asset.category}` as MessageKey)],
    ['asset.holder', asset.holderName],
    ['asset.os', asset.osName ? osLabel(asset.osName, asset.osVersion) : asset.osVersion],
    ['asset.components', asset.components],
    ['asset.functions', asset.functions],
    ['asset.criticalAssets', asset.criticalAssets.join(', ') || null],
    ['asset.hosting', asset.hosting && t(`hosting.${asset.hosting}` as MessageKey)],
    ['asset.hostContact', asset.hostContact],
    ['asset.criticality', asset.criticality && t(`criticality.${asset.criticality}` as MessageKey)],
    [
      'asset.internetExposed',
      asset.internetExposed === null ? null : asset.internetExposed ? t('common.yes') : t('common.no'),
    ],
    ['asset.ips', asset.ips.join(', ') || null],
    ['asset.macs', asset.macs.join(', ') || null],
    ['asset.hostnames', asset.hostnames.join(', ') || null],
    ['asset.manufacturer', [asset.manufacturer, asset.model].filter(Boolean).join(' — ') || null],
    ['asset.serial', asset.serial],
    ['asset.firmware', asset.firmware],
    ['asset.site', asset.site],
    ['asset.reviewedAt', asset.reviewedAt && formatDateTime(asset.reviewedAt)],
    ['asset.retirementPlannedOn', asset.retirementPlannedOn],
    ['asset.retiredOn', asset.retiredOn && `${asset.retiredOn} — ${asset.retirementReason ?? ''}`],
    [
      'asset.eolException',
      asset.eolExceptionReason &&
        `${asset.eolExceptionReason} (${asset.eolExceptionApprovedBy}, → ${asset.eolExceptionExpiresOn})`,
    ],
  ];
  return (
    <Page title={asset.name}>
      <p>
        <Link to="/assets">← {t('assets.title')}</Link>
      </p>
      <section className="panel" aria-labelledby="problems-title">
        <h2 id="problems-title">{t('asset.problems')}</h2>
        {problems.length === 0 ? (
          <p>{t('asset.noProblems')}</p>
        ) : (
          <ul>
            {problems.map((p) => {
              const obligation = obligationOf(p.requirementId);
              return (
                <li key={p.requirementId}>
                  {obligation ? (
                    <Link to={obligationPath(obligation)}>{p.requirementId}</Link>
                  ) : (
                    p.requirementId
                  )}{' '}
                  : {p.reason[lang]}
                </li>
              );
            })}
          </ul>
        )}
        {canManage && (
          <button type="button" onClick={() => void review.run()} disabled={review.pending}>
            {t('asset.review')}
          </button>
        )}
        {review.error && <Alert kind="error">{review.error}</Alert>}
      </section>
      <dl className="facts">
        {fields.map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{t(label)}</dt>
            <dd>{value ?? '—'}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('asset.software')}</h2>
      {asset.software.length === 0 ? (
        <p>—</p>
      ) : (
        <ul>
          {asset.software.map((s) => (
            <li key={`${s.name}-${s.version}`}>
              {s.name} {s.version} {s.vendor && `(${s.vendor})`} {s.cpe ?? s.purl ?? ''}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('asset.lifecycle')}</h2>
      {lifecycle.length === 0 ? (
        <p className="hint">{t('asset.lifecycleUnknown')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('asset.lifecycleOf')}</th>
              <th scope="col">{t('asset.lifecycleCycle')}</th>
              <th scope="col">{t('asset.status')}</th>
              <th scope="col">{t('asset.eolDate')}</th>
            </tr>
          </thead>
          <tbody>
            {lifecycle.map((l) => (
              <tr key={l.of}>
                <td>{l.of}</td>
                <td>{l.cycle}</td>
                <td>
                  <span className={`badge ${lifecycleBadge[l.status]}`}>
                    {t(`lifecycle.${l.status}` as MessageKey)}
                  </span>
                </td>
                <td>{l.eolDate ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {services.length > 0 && (
        <>
          <h2>{t('asset.services')}</h2>
          <ul>
            {services.map((s) => (
              <li key={`${s.protocol}/${s.port}`}>
                {s.protocol}/{s.port} {s.service} {s.product} {s.version}
              </li>
            ))}
          </ul>
        </>
      )}
      {canManage && <AssetEditForm key={asset.updatedAt} asset={asset} onSaved={detail.reload} />}
      {canManage && <RetirementForms id={asset.id} onDone={detail.reload} />}
      <h2>{t('asset.history')}</h2>
      <ol className="history">
        {events.map((e) => (
          <li key={e.id}>
            {formatDateTime(e.at)} — {t(`event.${e.kind}` as MessageKey)} — {e.actor} ({e.source})
            {Object.keys(e.changes).length > 0 && (
              <span className="hint"> : {Object.keys(e.changes).join(', ')}</span>
            )}
          </li>
        ))}
      </ol>
    </Page>
  );
}

function RetirementForms({ id, onDone }: { id: string; onDone(): void }) {
  const { t, today } = useI18n();
  const [target, setTarget] = useState('');
  const [retiredOn, setRetiredOn] = useState(today);
  const [reason, setReason] = useState('');
  const [wiped, setWiped] = useState(false);
  return (
    <details className="panel">
      <summary>{t('asset.retirement')}</summary>
      <Form
        submitLabel={t('asset.planRetirement')}
        onSubmit={async () => {
          await api('POST', `/api/v1/assets/${id}/retirement-plan`, { targetDate: target });
          onDone();
        }}
      >
        <Field
          label={t('asset.targetDate')}
          type="date"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          required
        />
      </Form>
      <Form
        submitLabel={t('asset.retire')}
        onSubmit={async () => {
          await api('POST', `/api/v1/assets/${id}/retire`, { retiredOn, reason, dataWiped: wiped });
          onDone();
        }}
      >
        <Field
          label={t('asset.retiredOnLabel')}
          type="date"
          value={retiredOn}
          onChange={(e) => setRetiredOn(e.target.value)}
          required
        />
        <Field
          label={t('asset.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
        />
        <label className="checkbox">
          <input type="checkbox" checked={wiped} onChange={(e) => setWiped(e.target.checked)} />{' '}
          {t('asset.dataWiped')}
        </label>
      </Form>
      <h3>{t('asset.eolException')}</h3>
      <EolExceptionForm id={id} onDone={onDone} />
    </details>
  );
}
