import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useMe, useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert, Field, Form, useLoad } from '../../ui/ui.tsx';
import { PasskeyEnrolment } from '../auth/PasskeyEnrolment.tsx';
import { type EnrolledReply, RecoveryCodes } from '../auth/RecoveryCodes.tsx';
import { TotpEnrolment } from '../auth/TotpEnrolment.tsx';

type Passkey = { id: string; name: string; createdAt: string; lastUsedAt: string | null };

/**
 * The account's second factors: what is on, the passkeys; after re-authentication, adding a passkey, setting up
 * (or replacing) the authenticator app, removing a passkey.
 */
export function FactorsSection() {
  const { t, formatDateTime } = useI18n();
  const me = useMe();
  const { advance } = useSession();
  const passkeys = useLoad(() => api<Passkey[]>('GET', '/api/v1/me/passkeys'));
  const [password, setPassword] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [enrolled, setEnrolled] = useState<EnrolledReply>();
  const [error, setError] = useState<string>();

  if (enrolled) {
    const done = async () => {
      // The registration renewed the session: take its new token, then show the list again.
      await advance(enrolled);
      setEnrolled(undefined);
      passkeys.reload();
    };
    return <RecoveryCodes codes={enrolled.recoveryCodes} onDone={() => void done()} />;
  }
  return (
    <div>
      <p>
        {t('factors.totp')} : {me.user.mfaMethods.includes('totp') ? t('common.yes') : t('common.no')}
      </p>
      {error && <Alert kind="error">{error}</Alert>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('passkey.name')}</th>
            <th scope="col">{t('account.sessionStarted')}</th>
            <th scope="col">{t('tokens.lastUsed')}</th>
            {confirmed && <th scope="col">{t('common.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {passkeys.data?.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td className="nowrap">{formatDateTime(p.createdAt)}</td>
              <td className="nowrap">{p.lastUsedAt ? formatDateTime(p.lastUsedAt) : t('common.none')}</td>
              {confirmed && (
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      void api('DELETE', `/api/v1/me/passkeys/${encodeURIComponent(p.id)}`).then(
                        passkeys.reload,
                        (e: Error) => setError(e.message),
                      )
                    }
                  >
                    {t('factors.remove')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {confirmed ? (
        <>
          <h4>{t('passkey.title')}</h4>
          <PasskeyEnrolment onEnrolled={setEnrolled} />
          <h4>{me.user.mfaMethods.includes('totp') ? t('factors.totpReplace') : t('mfa.appTitle')}</h4>
          <TotpEnrolment onEnrolled={setEnrolled} />
        </>
      ) : (
        <Form
          submitLabel={t('factors.confirm')}
          onSubmit={async () => {
            await api('POST', '/api/v1/auth/reauth', { password });
            setPassword('');
            setConfirmed(true);
          }}
        >
          <p className="hint">{t('factors.reauth')}</p>
          <Field
            label={t('password.current')}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Form>
      )}
    </div>
  );
}
