import { useState } from 'react';
import { api, type StageReply } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Field, Form } from '../../ui/ui.tsx';
import { AuthFrame } from './AuthFrame.tsx';

export function PasswordChangePage() {
  const { t } = useI18n();
  const { advance } = useSession();
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  return (
    <AuthFrame title={t('password.title')}>
      <p>{t('password.intro')}</p>
      <Form
        submitLabel={t('password.submit')}
        onSubmit={async () => {
          if (newPassword !== confirm) throw new Error(t('password.mismatch'));
          await advance(await api<StageReply>('POST', '/api/v1/auth/password', { newPassword }));
        }}
      >
        <Field
          label={t('password.new')}
          type="password"
          name="newPassword"
          autoComplete="new-password"
          minLength={12}
          required
          value={newPassword}
          onChange={(e) => setNewPassword(e.target.value)}
        />
        <Field
          label={t('password.confirm')}
          type="password"
          name="confirm"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
      </Form>
    </AuthFrame>
  );
}
