import { useState } from 'react';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { AuthFrame } from './AuthFrame.tsx';
import { PasskeyEnrolment } from './PasskeyEnrolment.tsx';
import { type EnrolledReply, RecoveryCodes } from './RecoveryCodes.tsx';
import { TotpEnrolment } from './TotpEnrolment.tsx';

export function MfaEnrolPage() {
  const { t } = useI18n();
  const { advance } = useSession();
  const [enrolled, setEnrolled] = useState<EnrolledReply>();
  return (
    <AuthFrame title={t('mfa.enrolTitle')}>
      {enrolled ? (
        <RecoveryCodes codes={enrolled.recoveryCodes} onDone={() => void advance(enrolled)} />
      ) : (
        <>
          <h2>{t('mfa.appTitle')}</h2>
          <TotpEnrolment onEnrolled={setEnrolled} />
          <h2>{t('passkey.title')}</h2>
          <PasskeyEnrolment onEnrolled={setEnrolled} />
        </>
      )}
    </AuthFrame>
  );
}
