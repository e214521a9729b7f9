import { startAuthentication } from '@simplewebauthn/browser';
import { useState } from 'react';
import { api, type StageReply } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Field, Form } from '../../ui/ui.tsx';
import { AuthFrame } from './AuthFrame.tsx';

export function MfaVerifyPage() {
  const { t } = useI18n();
  const { advance, state } = useSession();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  return (
    <AuthFrame title={t('mfa.verifyTitle')}>
      <p>{t('mfa.verifyIntro')}</p>
      <Form
        submitLabel={t('mfa.verify')}
        onSubmit={async () =>
          advance(
            await api<StageReply>(
              'POST',
              '/api/v1/auth/mfa',
              useRecovery ? { recoveryCode: value } : { code: value },
            ),
          )
        }
      >
        {useRecovery ? (
          <Field
            label={t('mfa.recoveryCode')}
            name="recoveryCode"
            autoComplete="off"
            required
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        ) : (
          <Field
            label={t('mfa.code')}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            value={value}
            onChange={(e) => setValue(e.target.value.trim())}
          />
        )}
      </Form>
      {state.status === 'stage' && state.reply.user.mfaMethods.includes('passkey') && (
        <Form
          submitLabel={t('passkey.use')}
          onSubmit={async () => {
            const optionsJSON = await api<Parameters<typeof startAuthentication>[0]['optionsJSON']>(
              'POST',
              '/api/v1/auth/passkeys/authentication-options',
            );
            const response = await startAuthentication({ optionsJSON });
            await advance(
              await api<StageReply>('POST', '/api/v1/auth/passkeys/authentication', { response }),
            );
          }}
        >
          {null}
        </Form>
      )}
      <button
        type="button"
        className="link"
        onClick={() => {
          setUseRecovery(!useRecovery);
          setValue('');
        }}
      >
        {useRecovery ? t('mfa.useTotp') : t('mfa.useRecovery')}
      </button>
    </AuthFrame>
  );
}
