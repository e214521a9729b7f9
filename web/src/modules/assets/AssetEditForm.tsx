import { useState } from 'react';
import type { z } from 'zod';
import type { assetSchema } from '../../../../src/modules/assets/assets.schemas.ts';
import {
  assetCategories,
  criticalities,
  hostings,
} from '../../../../src/modules/assets/assets.vocabulary.ts';
import { api, type Jsonified } from '../../api/client.ts';
import type { MessageKey } from '../../i18n/fr.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Field, Form, SelectField, useLoad } from '../../ui/ui.tsx';

type Asset = Jsonified<z.infer<typeof assetSchema>>;

const textFields = [
  ['name', 'asset.name'],
  ['osName', 'asset.osName'],
  ['osVersion', 'asset.osVersion'],
  ['components', 'asset.components'],
  ['functions', 'asset.functions'],
  ['hostContact', 'asset.hostContact'],
  ['manufacturer', 'asset.manufacturerOnly'],
  ['model', 'asset.model'],
  ['serial', 'asset.serial'],
  ['firmware', 'asset.firmware'],
  ['site', 'asset.site'],
] as const;

/** Completing or correcting a record: saving qualifies a discovered host and counts as a review. */
export function AssetEditForm({ asset, onSaved }: { asset: Asset; onSaved(): void }) {
  const { t } = useI18n();
  const people = useLoad(() =>
    api<{ id: string; fullName: string; orgId: string }[]>('GET', '/api/v1/people'),
  );
  const [values, setValues] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(textFields.map(([key]) => [key, asset[key] ?? ''])),
    category: asset.category ?? '',
    criticality: asset.criticality ?? '',
    hosting: asset.hosting ?? '',
    holderId: asset.holderId ?? '',
    internetExposed: asset.internetExposed === null ? '' : String(asset.internetExposed),
  }));
  const set = (key: string) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const orNull = (v: string | undefined) => (!v || v.trim() === '' ? null : v.trim());
  const choices = (keys: readonly string[], prefix: string) => [
    { value: '', label: '—' },
    ...keys.map((k) => ({ value: k, label: t(`${prefix}.${k}` as MessageKey) })),
  ];
  return (
    <details className="panel">
      <summary>{t('asset.edit')}</summary>
      <Form
        submitLabel={t('common.save')}
        onSubmit={async () => {
          await api('PATCH', `/api/v1/assets/${asset.id}`, {
            ...Object.fromEntries(
              textFields.map(([key]) => [key, key === 'name' ? values.name!.trim() : orNull(values[key]!)]),
            ),
            category: orNull(values.category),
            criticality: orNull(values.criticality),
            hosting: orNull(values.hosting),
            holderId: orNull(values.holderId),
            internetExposed: values.internetExposed === '' ? null : values.internetExposed === 'true',
          });
          onSaved();
        }}
      >
        <SelectField
          label={t('asset.category')}
          value={values.category ?? ''}
          onChange={set('category')}
          options={choices(assetCategories, 'category')}
        />
        <SelectField
          label={t('asset.holder')}
          value={values.holderId ?? ''}
          onChange={set('holderId')}
          options={[
            { value: '', label: '—' },
            ...(people.data ?? []).map((p) => ({ value: p.id, label: p.fullName })),
          ]}
        />
        <SelectField
          label={t('asset.criticality')}
          value={values.criticality ?? ''}
          onChange={set('criticality')}
          options={choices(criticalities, 'criticality')}
        />
        <SelectField
          label={t('asset.hosting')}
          value={values.hosting ?? ''}
          onChange={set('hosting')}
          options={choices(hostings, 'hosting')}
        />
        <SelectField
          label={t('asset.internetExposed')}
          value={values.internetExposed ?? ''}
          onChange={set('internetExposed')}
          options={[
            { value: '', label: '—' },
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
        />
        {textFields.map(([key, label]) => (
          <Field
            key={key}
            label={t(label)}
            value={values[key]}
            onChange={(e) => set(key)(e.target.value)}
            required={key === 'name'}
          />
        ))}
      </Form>
    </details>
  );
}

/** An approved exception to running an ended version (MSSS-3.1), until a date. */
export function EolExceptionForm({ id, onDone }: { id: string; onDone(): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  return (
    <Form
      submitLabel={t('asset.approveException')}
      onSubmit={async () => {
        await api('POST', `/api/v1/assets/${id}/eol-exception`, { reason, expiresOn });
        onDone();
      }}
    >
      <Field
        label={t('asset.exceptionReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
      />
      <Field
        label={t('asset.exceptionExpires')}
        type="date"
        value={expiresOn}
        onChange={(e) => setExpiresOn(e.target.value)}
        required
      />
    </Form>
  );
}
