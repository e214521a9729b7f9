import { useMemo, useState } from 'react';
import { roles } from '../../../../src/core/auth/permissions.ts';
import { api, type Organization, type Role, type User } from '../../api/client.ts';
import { useMe } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert, errorText, Field, Form, Page, SelectField, useLoad } from '../../ui/ui.tsx';

export function UsersPage() {
  const { t } = useI18n();
  const me = useMe();
  const canManage = me.permissions.includes('users.manage');
  const users = useLoad(() => api<User[]>('GET', '/api/v1/users'));
  const orgs = useLoad(() => api<Organization[]>('GET', '/api/v1/orgs'));
  const [filter, setFilter] = useState('');
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string; secret?: string }>();
  const orgName = useMemo(() => new Map(orgs.data?.map((o) => [o.id, o.name])), [orgs.data]);
  const roleOptions = roles.map((r) => ({ value: r, label: t(`role.${r}`) }));

  const act = async (action: () => Promise<unknown>) => {
    setNotice(undefined);
    try {
      await action();
      users.reload();
    } catch (error) {
      setNotice({ kind: 'error', text: errorText(error) });
    }
  };

  const shown = (users.data ?? []).filter((u) =>
    `${u.email} ${u.displayName}`.toLowerCase().includes(filter.toLowerCase()),
  );

  return (
    <Page title={t('users.title')}>
      {notice && (
        <Alert kind={notice.kind}>
          {notice.text} {notice.secret && <code data-testid="one-time-password">{notice.secret}</code>}
        </Alert>
      )}
      {users.error && <Alert kind="error">{users.error}</Alert>}
      {canManage && orgs.data && (
        <InviteForm
          orgs={orgs.data}
          roleOptions={roleOptions}
          onCreated={(email, secret) => {
            setNotice({ kind: 'success', text: t('users.created', { email }), secret });
            users.reload();
          }}
        />
      )}
      <Field
        label={t('users.filter')}
        type="search"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <table>
        <thead>
          <tr>
            <th scope="col">{t('field.email')}</th>
            <th scope="col">{t('field.name')}</th>
            <th scope="col">{t('field.role')}</th>
            <th scope="col">{t('field.org')}</th>
            <th scope="col">{t('field.mfa')}</th>
            <th scope="col">{t('field.status')}</th>
            {canManage && <th scope="col">{t('common.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {shown.map((u) => (
            <tr key={u.id}>
              <td>{u.email}</td>
              <td>{u.displayName}</td>
              <td>
                {canManage && u.id !== me.user.id ? (
                  <select
                    aria-label={t('users.changeRole', { email: u.email })}
                    value={u.role}
                    onChange={(e) =>
                      void act(() => api('PATCH', `/api/v1/users/${u.id}`, { role: e.target.value }))
                    }
                  >
                    {roleOptions.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  t(`role.${u.role}`)
                )}
              </td>
              <td>{orgName.get(u.orgId) ?? u.orgId}</td>
              <td>{u.mfaEnabled ? t('common.yes') : t('common.no')}</td>
              <td>{u.disabled ? t('users.disabled') : t('users.active')}</td>
              {canManage && (
                <td className="actions">
                  {u.id !== me.user.id && (
                    <button
                      type="button"
                      onClick={() =>
                        void act(() => api('PATCH', `/api/v1/users/${u.id}`, { disabled: !u.disabled }))
                      }
                    >
                      {u.disabled ? t('users.enable') : t('users.disable')}
                    </button>
                  )}
                  <button
                    type="button"
                    onClick={() => void act(() => api('POST', `/api/v1/users/${u.id}/reset-mfa`))}
                  >
                    {t('users.resetMfa')}
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      void act(async () => {
                        const r = await api<{ oneTimePassword: string }>(
                          'POST',
                          `/api/v1/users/${u.id}/reset-password`,
                        );
                        setNotice({
                          kind: 'success',
                          text: t('users.created', { email: u.email }),
                          secret: r.oneTimePassword,
                        });
                      })
                    }
                  >
                    {t('users.resetPassword')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}

function InviteForm(props: {
  orgs: Organization[];
  roleOptions: { value: string; label: string }[];
  onCreated(email: string, oneTimePassword: string): void;
}) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('employee');
  const [orgId, setOrgId] = useState(props.orgs[0]?.id ?? '');
  return (
    <details className="panel">
      <summary>{t('users.invite')}</summary>
      <Form
        submitLabel={t('users.create')}
        onSubmit={async () => {
          const r = await api<{ user: User; oneTimePassword: string }>('POST', '/api/v1/users', {
            email,
            displayName,
            role,
            orgId,
          });
          props.onCreated(r.user.email, r.oneTimePassword);
          setEmail('');
          setDisplayName('');
        }}
      >
        <Field
          label={t('field.email')}
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label={t('field.name')}
          required
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <SelectField
          label={t('field.role')}
          value={role}
          onChange={(v) => setRole(v as Role)}
          options={props.roleOptions}
        />
        <SelectField
          label={t('field.org')}
          value={orgId}
          onChange={setOrgId}
          options={props.orgs.map((o) => ({ value: o.id, label: o.name }))}
        />
      </Form>
    </details>
  );
}
