import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import { Page } from '../../ui/ui.tsx';
import { obligationPath, useCatalog } from './catalog.tsx';

export function DashboardPage() {
  const { t, lang } = useI18n();
  const catalog = useCatalog();
  return (
    <Page title={t('dashboard.title')}>
      <p>{t('dashboard.intro')}</p>
      {!catalog && <p>{t('common.loading')}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.obligation')}</th>
            <th scope="col">{t('dashboard.requirements')}</th>
            <th scope="col">{t('dashboard.status')}</th>
          </tr>
        </thead>
        <tbody>
          {catalog?.obligations.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={obligationPath(o)}>
                  {o.id}. {o.title[lang]}
                </Link>
              </td>
              <td>{o.requirements.length}</td>
              <td>
                <span className="badge badge-neutral">{t('status.notEvaluated')}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
