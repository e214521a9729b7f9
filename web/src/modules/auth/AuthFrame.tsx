import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

/** The frame of the sign-in steps: brand, language switch, one card. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <main className="auth">
      <div className="auth-card">
        <div className="auth-top">
          <p className="brand">
            {t('app.name')} <span>{t('app.tagline')}</span>
          </p>
          <LanguageSwitch />
        </div>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
