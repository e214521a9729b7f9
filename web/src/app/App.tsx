import { BrowserRouter, Route, Routes } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { AccountPage } from '../modules/account/AccountPage.tsx';
import { AssetPage } from '../modules/assets/AssetPage.tsx';
import { AssetsPage } from '../modules/assets/AssetsPage.tsx';
import { CriticalAssetsPage } from '../modules/assets/CriticalAssetsPage.tsx';
import { AuditPage } from '../modules/audit/AuditPage.tsx';
import { MfaEnrolPage } from '../modules/auth/MfaEnrolPage.tsx';
import { MfaVerifyPage } from '../modules/auth/MfaVerifyPage.tsx';
import { PasswordChangePage } from '../modules/auth/PasswordChangePage.tsx';
import { SignInPage } from '../modules/auth/SignInPage.tsx';
import { DashboardPage } from '../modules/compliance/DashboardPage.tsx';
import { ObligationPage } from '../modules/compliance/ObligationPage.tsx';
import { OrgsPage } from '../modules/orgs/OrgsPage.tsx';
import { ApiTokensPage } from '../modules/users/ApiTokensPage.tsx';
import { UsersPage } from '../modules/users/UsersPage.tsx';
import { Layout } from './Layout.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { useSession } from './session.tsx';

const stagePages = {
  password_change: PasswordChangePage,
  mfa_enrolment: MfaEnrolPage,
  mfa: MfaVerifyPage,
} as const;

export function App() {
  const { state } = useSession();
  const { t } = useI18n();
  if (state.status === 'loading') return <p className="loading">{t('common.loading')}</p>;
  if (state.status === 'signed_out') return <SignInPage />;
  if (state.status === 'stage' && state.reply.stage !== 'active') {
    const StagePage = stagePages[state.reply.stage];
    return <StagePage />;
  }
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<DashboardPage />} />
          <Route path="obligations/:id" element={<ObligationPage />} />
          <Route path="assets" element={<AssetsPage />} />
          <Route path="assets/:id" element={<AssetPage />} />
          <Route path="critical-assets" element={<CriticalAssetsPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="orgs" element={<OrgsPage />} />
          <Route path="tokens" element={<ApiTokensPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
