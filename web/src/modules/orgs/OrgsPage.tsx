import { useState } from 'react';
import { api, type Organization } from '../../api/client.ts';
import { useMe } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert, Field, Form, Page, SelectField, useLoad } from '../../ui/ui.tsx';

const childKind = { region: 'establishment', establishment: 'site', site: undefined } as const;

export function OrgsPage() {
  const { t } = useI18n();
  const me = useMe();
  const orgs = useLoad(() => api<Organization[]>('GET', '/api/v1/orgs'));
  const all = orgs.data ?? [];
  const ids = new Set(all.map((o) => o.id));
  // The tops of what this user sees: its own organization, or any whose parent it cannot see.
  const roots = all.filter((o) => !o.parentId || !ids.has(o.parentId));

  const renderTree = (org: Organization) => {
    const children = all.filter((c) => c.parentId === org.id);
    return (
      <li key={org.id}>
        <span className="org-name">{org.name}</span>{' '}
        <span className="badge badge-neutral">{t(`kind.${org.kind}`)}</span>
        {children.length > 0 && <ul>{children.map(renderTree)}</ul>}
      </li>
    );
  };

  return (
    <Page title={t('orgs.title')}>
      {orgs.error && <Alert kind="error">{orgs.error}</Alert>}
      <ul className="tree">{roots.map(renderTree)}</ul>
      {me.permissions.includes('orgs.manage') && all.some((o) => childKind[o.kind]) && (
        <CreateChild parents={all.filter((o) => childKind[o.kind])} onCreated={orgs.reload} />
      )}
    </Page>
  );
}

function CreateChild({ parents, onCreated }: { parents: Organization[]; onCreated(): void }) {
  const { t } = useI18n();
  const [parentId, setParentId] = useState(parents[0]!.id);
  const [name, setName] = useState('');
  const parent = parents.find((p) => p.id === parentId) ?? parents[0]!;
  return (
    <details className="panel">
      <summary>{t('orgs.add')}…</summary>
      <Form
        submitLabel={t('orgs.create')}
        onSubmit={async () => {
          await api('POST', '/api/v1/orgs', { name, parentId: parent.id, kind: childKind[parent.kind] });
          setName('');
          onCreated();
        }}
      >
        <SelectField
          label={t('orgs.parent')}
          value={parentId}
          onChange={setParentId}
          options={parents.map((p) => ({ value: p.id, label: p.name }))}
        />
        <Field label={t('orgs.name')} required value={name} onChange={(e) => setName(e.target.value)} />
      </Form>
    </details>
  );
}
