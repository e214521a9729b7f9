import { useState } from 'react';
import { api, type Locale } from '../../api/client.ts';
import { useMe, useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert, Field, Form, Page, SelectField, useLoad } from '../../ui/ui.tsx';
import { FactorsSection } from './FactorsSection.tsx';

type SessionInfo = {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
};

const timeZones = [
  'America/Toronto',
  'America/Montreal',
  'America/Halifax',
  'America/Vancouver',
  'Europe/Paris',
  'UTC',
];

export function AccountPage() {
  const { t, formatDateTime } = useI18n();
  const me = useMe();
  const { reload } = useSession();
  const sessions = useLoad(() => api<SessionInfo[]>('GET', '/api/v1/me/sessions'));
  const [locale, setLocale] = useState<Locale>(me.user.locale);
  const [timeZone, setTimeZone] = useState(me.user.timeZone);
  const [saved, setSaved] = useState(false);
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [passwordChanged, setPasswordChanged] = useState(false);

  return (
    <Page title={t('account.title')}>
      <h2>{t('account.profile')}</h2>
      <dl className="facts">
        <dt>{t('field.name')}</dt>
        <dd>{me.user.displayName}</dd>
        <dt>{t('field.email')}</dt>
        <dd>{me.user.email}</dd>
        <dt>{t('field.role')}</dt>
        <dd>{t(`role.${me.user.role}`)}</dd>
      </dl>

      <h2>{t('account.preferences')}</h2>
      {saved && <Alert kind="success">{t('account.saved')}</Alert>}
      <Form
        submitLabel={t('common.save')}
        onSubmit={async () => {
          await api('PATCH', '/api/v1/me/preferences', { locale, timeZone });
          setSaved(true);
          await reload();
        }}
      >
        <SelectField
          label={t('account.language')}
          value={locale}
          onChange={(v) => setLocale(v as Locale)}
          options={[
            { value: 'fr-CA', label: 'Français' },
            { value: 'en-CA', label: 'English' },
          ]}
        />
        <SelectField
          label={t('account.timeZone')}
          value={timeZone}
          onChange={setTimeZone}
          options={timeZones.map((z) => ({ value: z, label: z }))}
        />
      </Form>

      <h2>{t('account.security')}</h2>
      <p>{me.user.mfaEnabled ? t('account.mfaOn') : t('account.mfaOff')}</p>
      <h3>{t('factors.title')}</h3>
      <FactorsSection />
      <h3>{t('password.submit')}</h3>
      {passwordChanged && <Alert kind="success">{t('password.changed')}</Alert>}
      <Form
        submitLabel={t('password.submit')}
        onSubmit={async () => {
          await api('POST', '/api/v1/auth/password', { currentPassword, newPassword });
          setCurrentPassword('');
          setNewPassword('');
          setPasswordChanged(true);
          sessions.reload();
        }}
      >
        <Field
          label={t('password.current')}
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.target.value)}
        />
        <Field
          label={t('password.new')}
          type="password"
          autoComplete="new-password"
          minLength={12}
          required
          hint={t('password.intro')}
          value={newPassword}
          onChange={(e) => setNewPassword(e.target.value)}
        />
      </Form>

      <h2>{t('account.sessions')}</h2>
      {sessions.error && <Alert kind="error">{sessions.error}</Alert>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('account.sessionStarted')}</th>
            <th scope="col">{t('account.sessionSeen')}</th>
            <th scope="col">{t('account.sessionAddress')}</th>
            <th scope="col">{t('account.sessionClient')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.data?.map((s) => (
            <tr key={s.id}>
              <td>{formatDateTime(s.createdAt)}</td>
              <td>{formatDateTime(s.lastSeenAt)}</td>
              <td>{s.ip}</td>
              <td className="truncate">{s.userAgent}</td>
              <td>
                {s.current ? (
                  t('account.thisSession')
                ) : (
                  <button
                    type="button"
                    onClick={() => void api('DELETE', `/api/v1/me/sessions/${s.id}`).then(sessions.reload)}
                  >
                    {t('account.revoke')}
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
