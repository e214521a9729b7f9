import { useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import { osLabel } from '../../../../src/modules/assets/assets.format.ts';
import type { assetListSchema, importReportSchema } from '../../../../src/modules/assets/assets.schemas.ts';
import {
  assetCategories,
  assetStatuses,
  criticalities,
} from '../../../../src/modules/assets/assets.vocabulary.ts';
import { ApiError, api, apiUpload, type UploadProgress } from '../../api/client.ts';
import { useCurrentOrg, useOrgNames } from '../../app/current-org.tsx';
import { useMe } from '../../app/session.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert, Field, Page, SelectField, useAction, useDebounced, useLoad } from '../../ui/ui.tsx';
import { useOrgId } from '../compliance/status.tsx';

type AssetList = z.infer<typeof assetListSchema>;
type ImportReport = z.infer<typeof importReportSchema>;
const pageSize = 50;
const sortable = [
  ['name', 'asset.name'],
  ['category', 'asset.category'],
  ['status', 'asset.status'],
  ['criticality', 'asset.criticality'],
  ['os', 'asset.os'],
  ['site', 'asset.site'],
] as const;

export function AssetsPage() {
  const { t } = useI18n();
  const me = useMe();
  const orgId = useOrgId();
  // A list that spans the organizations below the one shown says whose each asset is.
  const orgNames = useOrgNames();
  const spansSeveral = useCurrentOrg().orgs.some(({ org }) => org.parentId === orgId);
  const orgOf = spansSeveral ? orgNames : undefined;
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('active');
  const [category, setCategory] = useState('');
  const [criticality, setCriticality] = useState('');
  const [exposed, setExposed] = useState('');
  const [sort, setSort] = useState('name');
  const [direction, setDirection] = useState<'asc' | 'desc'>('asc');
  // Where each page after the first starts (the `next` of the page before): Previous drops the last one.
  const [cursors, setCursors] = useState<string[]>([]);
  const offset = cursors.length * pageSize;
  const query = new URLSearchParams({ orgId, sort, direction, limit: String(pageSize), status });
  const after = cursors.at(-1);
  if (after) query.set('after', after);
  const searched = useDebounced(search.trim());
  if (searched) query.set('search', searched);
  if (category) query.set('category', category);
  if (criticality) query.set('criticality', criticality);
  if (exposed) query.set('internetExposed', exposed);
  // Each answer keeps the position it was asked for: until the next page comes, the range shown and Next stay
  // those of the rows on screen (a second click on Next would otherwise ask for the same page again).
  const list = useLoad(
    () => api<AssetList>('GET', `/api/v1/assets?${query}`).then((answer) => ({ ...answer, offset })),
    [query.toString()],
  );
  const sortBy = (key: string) => {
    setDirection(sort === key && direction === 'asc' ? 'desc' : 'asc');
    setSort(key);
    setCursors([]);
  };
  const total = list.data?.total ?? 0;
  // A new filter starts again from the first page.
  const refilter = (set: (value: string) => void) => (value: string) => {
    set(value);
    setCursors([]);
  };
  const anyOr = (keys: readonly string[], prefix: string) => [
    { value: '', label: t('assets.all') },
    ...keys.map((k) => ({ value: k, label: t(`${prefix}.${k}` as MessageKey) })),
  ];
  return (
    <Page title={t('assets.title')}>
      <div className="filters">
        <Field
          label={t('assets.search')}
          type="search"
          value={search}
          onChange={(e) => refilter(setSearch)(e.target.value)}
        />
        <SelectField
          label={t('asset.status')}
          value={status}
          onChange={refilter(setStatus)}
          options={[
            { value: 'active', label: t('assets.active') },
            ...assetStatuses.map((s) => ({ value: s, label: t(`assetStatus.${s}` as MessageKey) })),
          ]}
        />
        <SelectField
          label={t('asset.category')}
          value={category}
          onChange={refilter(setCategory)}
          options={anyOr(assetCategories, 'category')}
        />
        <SelectField
          label={t('asset.criticality')}
          value={criticality}
          onChange={refilter(setCriticality)}
          options={anyOr(criticalities, 'criticality')}
        />
        <SelectField
          label={t('asset.internetExposed')}
          value={exposed}
          onChange={refilter(setExposed)}
          options={[
            { value: '', label: t('assets.all') },
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
        />
        <a className="button" href={`/api/v1/assets/export.csv?orgId=${orgId}`}>
          {t('assets.export')}
        </a>
      </div>
      {list.error && <Alert kind="error">{list.error}</Alert>}
      <p className="hint" aria-live="polite">
        {list.data?.more ? t('assets.countMore', { n: total }) : t('assets.count', { n: total })}
      </p>
      <table>
        <thead>
          <tr>
            {sortable.map(([key, label]) => (
              <th
                key={key}
                scope="col"
                aria-sort={sort === key ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                <button type="button" className="link" onClick={() => sortBy(key)}>
                  {t(label)} {sort === key ? (direction === 'asc' ? '▲' : '▼') : ''}
                </button>
              </th>
            ))}
            {orgOf && <th scope="col">{t('asset.org')}</th>}
          </tr>
        </thead>
        <tbody>
          {list.data?.rows.map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/assets/${a.id}`}>{a.name}</Link>
              </td>
              <td>{a.category ? t(`category.${a.category}` as MessageKey) : '—'}</td>
              <td>{t(`assetStatus.${a.status}` as MessageKey)}</td>
              <td>{a.criticality ? t(`criticality.${a.criticality}` as MessageKey) : '—'}</td>
              <td>{a.osName ? osLabel(a.osName, a.osVersion) : (a.osVersion ?? '—')}</td>
              <td>{a.site ?? '—'}</td>
              {orgOf && <td>{orgOf(a.orgId)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        <button
          type="button"
          disabled={cursors.length === 0}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          {t('assets.previous')}
        </button>
        <span>
          {t(list.data?.more ? 'assets.pageMore' : 'assets.page', {
            from: list.data?.rows.length ? list.data.offset + 1 : 0,
            to: (list.data?.offset ?? 0) + (list.data?.rows.length ?? 0),
            total,
          })}
        </span>
        <button
          type="button"
          disabled={!list.data?.next || list.data.offset !== offset}
          onClick={() => list.data?.next && setCursors([...cursors, list.data.next])}
        >
          {t('assets.next')}
        </button>
      </div>
      {me.permissions.includes('assets.manage') && <ImportPanel orgId={orgId} onImported={list.reload} />}
    </Page>
  );
}

/** Choose a file, see the preview of what it would change, then import it: nothing is written before that. */
function ImportPanel({ orgId, onImported }: { orgId: string; onImported(): void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | undefined>();
  const [report, setReport] = useState<ImportReport | undefined>();
  const [progress, setProgress] = useState<UploadProgress | undefined>();
  const send = async (dryRun: boolean) => {
    setProgress(undefined);
    try {
      return await apiUpload<ImportReport>(
        `/api/v1/assets/import?${new URLSearchParams({ orgId, dryRun: String(dryRun), fileName: file!.name })}`,
        file!,
        setProgress,
      );
    } catch (error) {
      throw error instanceof ApiError && error.code === 'network'
        ? new Error(t('import.interrupted'))
        : error;
    }
  };
  const preview = useAction(async () => setReport(await send(true)));
  const apply = useAction(async () => {
    setReport(await send(false));
    onImported();
  });
  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">{t('import.title')}</h2>
      <p className="hint">{t('import.hint')}</p>
      <Field
        label={t('import.file')}
        type="file"
        accept=".csv,.xml,text/csv,application/xml"
        onChange={(e) => {
          setFile(e.target.files?.[0]);
          setReport(undefined);
        }}
      />
      <div className="actions">
        <button type="button" disabled={!file || preview.pending} onClick={() => void preview.run()}>
          {t('import.preview')}
        </button>
        {report?.outcome === 'preview' && (
          <button type="button" disabled={apply.pending} onClick={() => void apply.run()}>
            {t('import.apply')}
          </button>
        )}
      </div>
      {(preview.pending || apply.pending) && <ImportProgress progress={progress} applying={apply.pending} />}
      {(preview.error || apply.error) && <Alert kind="error">{preview.error ?? apply.error}</Alert>}
      {report && (
        <div data-testid="import-report">
          <Alert
            kind={report.outcome === 'rejected' ? 'error' : report.outcome === 'applied' ? 'success' : 'info'}
          >
            {t(`import.outcome.${report.outcome}` as MessageKey, {
              create: report.counts.create,
              update: report.counts.update,
              unchanged: report.counts.unchanged,
              reject: report.counts.reject,
            })}
          </Alert>
          <ul>
            {report.lines.map((l) => (
              <li key={`${l.line}-${l.name}`}>
                {/* A line without a name says so in its problems ("name : valeur obligatoire manquante"). */}
                {t('import.line', { n: l.line })}
                {l.name && ` — ${l.name}`} :{' '}
                {l.action === 'reject'
                  ? l.problems?.map((p) => `${p.field} : ${p.message}`).join('; ')
                  : t(`import.${report.outcome === 'applied' ? 'done' : 'action'}.${l.action}` as MessageKey)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** Where an import stands: the file's share handled so far, then the work that follows it. */
function ImportProgress({ progress, applying }: { progress: UploadProgress | undefined; applying: boolean }) {
  const { t } = useI18n();
  const ratio = progress && progress.total > 0 ? progress.done / progress.total : undefined;
  let text: string;
  if (ratio === undefined) text = t(applying ? 'import.applying' : 'import.reading');
  else if (ratio >= 1) text = t(applying ? 'import.progress.evaluating' : 'import.progress.checked');
  else text = t(applying ? 'import.progress.applying' : 'import.progress.reading', { ratio });
  return (
    <div className="import-progress" aria-live="polite">
      <progress max={1} value={ratio} aria-label={text} />
      <p className="hint">{text}</p>
    </div>
  );
}
