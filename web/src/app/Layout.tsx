import { NavLink, Outlet } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { CatalogProvider, obligationPath, useCatalog } from '../modules/compliance/catalog.tsx';
import { CurrentOrgProvider, OrgPicker } from './current-org.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useMe, useSession } from './session.tsx';

function ObligationsNav() {
  const catalog = useCatalog();
  const { lang } = useI18n();
  return (
    <ol>
      {catalog?.obligations.map((o) => (
        <li key={o.id}>
          <NavLink to={obligationPath(o)}>
            {o.id}. {o.title[lang]}
          </NavLink>
        </li>
      ))}
    </ol>
  );
}

export function Layout() {
  const { t } = useI18n();
  const me = useMe();
  const { signOut } = useSession();
  const can = (permission: string) => me.permissions.includes(permission);
  return (
    <CatalogProvider>
      <CurrentOrgProvider>
        <div className="shell">
          <a className="skip" href="#main">
            {t('nav.skip')}
          </a>
          <header className="topbar">
            <p className="brand">
              {t('app.name')} <span>{t('app.tagline')}</span>
            </p>
            <div className="topbar-actions">
              <span className="who">
                {me.user.displayName} · {t(`role.${me.user.role}`)}
              </span>
              <OrgPicker />
              <LanguageSwitch />
              <button type="button" onClick={() => void signOut()}>
                {t('nav.signOut')}
              </button>
            </div>
          </header>
          <nav className="sidebar" aria-label={t('nav.main')}>
            <ul>
              <li>
                <NavLink to="/" end>
                  {t('nav.dashboard')}
                </NavLink>
              </li>
              {can('assets.read') && (
                <li>
                  <NavLink to="/assets">{t('nav.assets')}</NavLink>
                </li>
              )}
              {can('assets.read') && (
                <li>
                  <NavLink to="/critical-assets">{t('nav.criticalAssets')}</NavLink>
                </li>
              )}
            </ul>
            <h2>{t('nav.obligations')}</h2>
            <ObligationsNav />
            <h2>{t('nav.admin')}</h2>
            <ul>
              {can('users.read') && (
                <li>
                  <NavLink to="/users">{t('nav.users')}</NavLink>
                </li>
              )}
              <li>
                <NavLink to="/orgs">{t('nav.orgs')}</NavLink>
              </li>
              {can('tokens.manage') && (
                <li>
                  <NavLink to="/tokens">{t('nav.tokens')}</NavLink>
                </li>
              )}
              {can('audit.read') && (
                <li>
                  <NavLink to="/audit">{t('nav.audit')}</NavLink>
                </li>
              )}
              <li>
                <NavLink to="/account">{t('nav.account')}</NavLink>
              </li>
            </ul>
          </nav>
          <main id="main" className="content">
            <Outlet />
          </main>
        </div>
      </CurrentOrgProvider>
    </CatalogProvider>
  );
}
