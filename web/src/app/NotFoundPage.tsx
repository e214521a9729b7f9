import { useI18n } from '../i18n/i18n.tsx';
import { Page } from '../ui/ui.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  return <Page title={t('notFound.title')}>{null}</Page>;
}
