import { useState } from 'react';
import { api, type Organization, type Role } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert, Field, Form, Page, SelectField, useLoad } from '../../ui/ui.tsx';

type ApiToken = {
  id: string;
  name: string;
  role: Role;
  orgId: string;
  createdBy: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
};

// Roles that require MFA cannot be given to a token; the server refuses them too.
const tokenRoles: Role[] = ['auditor', 'it_operator', 'biomedical_engineer', 'manager', 'employee'];

export function ApiTokensPage() {
  const { t, formatDateTime } = useI18n();
  const tokens = useLoad(() => api<ApiToken[]>('GET', '/api/v1/api-tokens'));
  const orgs = useLoad(() => api<Organization[]>('GET', '/api/v1/orgs'));
  const [created, setCreated] = useState<{ name: string; token: string }>();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('auditor');
  const [orgId, setOrgId] = useState('');
  const [days, setDays] = useState('90');
  const orgName = new Map(orgs.data?.map((o) => [o.id, o.name]));

  return (
    <Page title={t('tokens.title')}>
      <p>{t('tokens.intro')}</p>
      {created && (
        <Alert kind="success">
          {t('tokens.created', { name: created.name })} <code data-testid="api-token">{created.token}</code>
        </Alert>
      )}
      {orgs.data && (
        <details className="panel">
          <summary>{t('tokens.create')}</summary>
          <Form
            submitLabel={t('tokens.create')}
            onSubmit={async () => {
              const r = await api<{ token: string }>('POST', '/api/v1/api-tokens', {
                name,
                role,
                orgId: orgId || orgs.data?.[0]?.id,
                expiresInDays: Number(days),
              });
              setCreated({ name, token: r.token });
              setName('');
              tokens.reload();
            }}
          >
            <Field
              label={t('tokens.name')}
              required
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <SelectField
              label={t('field.role')}
              value={role}
              onChange={(v) => setRole(v as Role)}
              options={tokenRoles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            />
            <SelectField
              label={t('field.org')}
              value={orgId || (orgs.data[0]?.id ?? '')}
              onChange={setOrgId}
              options={orgs.data.map((o) => ({ value: o.id, label: o.name }))}
            />
            <Field
              label={t('tokens.days')}
              type="number"
              min={1}
              max={366}
              required
              value={days}
              onChange={(e) => setDays(e.target.value)}
            />
          </Form>
        </details>
      )}
      {tokens.error && <Alert kind="error">{tokens.error}</Alert>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('tokens.name')}</th>
            <th scope="col">{t('field.role')}</th>
            <th scope="col">{t('field.org')}</th>
            <th scope="col">{t('tokens.expires')}</th>
            <th scope="col">{t('tokens.lastUsed')}</th>
            <th scope="col">{t('field.status')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.data?.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>{t(`role.${k.role}`)}</td>
              <td>{orgName.get(k.orgId) ?? k.orgId}</td>
              <td className="nowrap">{formatDateTime(k.expiresAt)}</td>
              <td className="nowrap">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : t('common.none')}</td>
              <td>
                {k.revokedAt
                  ? t('tokens.revoked')
                  : new Date(k.expiresAt) < new Date()
                    ? t('tokens.expired')
                    : t('users.active')}
              </td>
              <td>
                {!k.revokedAt && (
                  <button
                    type="button"
                    onClick={() => void api('DELETE', `/api/v1/api-tokens/${k.id}`).then(tokens.reload)}
                  >
                    {t('tokens.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
