import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Field, Form } from '../../ui/ui.tsx';
import type { EnrolledReply } from './RecoveryCodes.tsx';

type Setup = { secret: string; uri: string; qrCode: string };

/** Shows a new TOTP secret as a QR code and confirms it with a code from the app. */
export function TotpEnrolment({ onEnrolled }: { onEnrolled(reply: EnrolledReply): void }) {
  const { t } = useI18n();
  const [setup, setSetup] = useState<Setup>();
  const [code, setCode] = useState('');

  if (!setup) {
    return (
      <Form
        submitLabel={t('mfa.start')}
        onSubmit={async () => setSetup(await api<Setup>('POST', '/api/v1/auth/totp/setup'))}
      >
        <p>{t('mfa.enrolIntro')}</p>
      </Form>
    );
  }
  return (
    <Form
      submitLabel={t('mfa.confirm')}
      onSubmit={async () =>
        onEnrolled(await api<EnrolledReply>('POST', '/api/v1/auth/totp/confirm', { code }))
      }
    >
      <p>{t('mfa.enrolIntro')}</p>
      <img className="qr" src={setup.qrCode} alt={t('mfa.qrAlt')} width={220} height={220} />
      <p>
        {t('mfa.secretLabel')} <code data-testid="totp-secret">{setup.secret}</code>
      </p>
      <Field
        label={t('mfa.code')}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        value={code}
        onChange={(e) => setCode(e.target.value.trim())}
      />
    </Form>
  );
}
