import type { StageReply } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';

export type EnrolledReply = StageReply & { recoveryCodes: string[] };

/** The recovery codes of a new second factor, shown once. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const { t } = useI18n();
  return (
    <div>
      <h2>{t('mfa.recoveryTitle')}</h2>
      <p>{t('mfa.recoveryIntro')}</p>
      <ul className="recovery-codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onDone}>
        {t('mfa.recoveryDone')}
      </button>
    </div>
  );
}
