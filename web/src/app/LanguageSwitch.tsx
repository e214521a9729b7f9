import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from './session.tsx';

/** Switches between French and English; remembered on the account when signed in, in the browser otherwise. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const { state, reload } = useSession();
  const next = locale === 'fr-CA' ? 'en-CA' : 'fr-CA';
  const onClick = async () => {
    setLocale(next);
    if (state.status === 'signed_in') {
      await api('PATCH', '/api/v1/me/preferences', { locale: next });
      await reload();
    }
  };
  return (
    <button
      type="button"
      className="lang"
      lang={next}
      aria-label={t('lang.switchLabel')}
      onClick={() => void onClick()}
    >
      {t('lang.switch')}
    </button>
  );
}
