import { startRegistration } from '@simplewebauthn/browser';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Field, Form } from '../../ui/ui.tsx';
import type { EnrolledReply } from './RecoveryCodes.tsx';

/** Registers a passkey (the device's lock, a security key) as the second factor. */
export function PasskeyEnrolment({ onEnrolled }: { onEnrolled(reply: EnrolledReply): void }) {
  const { t } = useI18n();
  const [name, setName] = useState(t('passkey.defaultName'));
  return (
    <Form
      submitLabel={t('passkey.register')}
      onSubmit={async () => {
        const optionsJSON = await api<Parameters<typeof startRegistration>[0]['optionsJSON']>(
          'POST',
          '/api/v1/auth/passkeys/registration-options',
        );
        const response = await startRegistration({ optionsJSON });
        onEnrolled(
          await api<EnrolledReply>('POST', '/api/v1/auth/passkeys/registration', { response, name }),
        );
      }}
    >
      <p>{t('passkey.intro')}</p>
      <Field
        label={t('passkey.name')}
        required
        maxLength={100}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
    </Form>
  );
}
