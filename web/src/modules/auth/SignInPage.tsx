import { useState } from 'react';
import { ApiError, api, type StageReply } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Field, Form } from '../../ui/ui.tsx';
import { AuthFrame } from './AuthFrame.tsx';
import { HumanCheck } from './HumanCheck.tsx';

export function SignInPage() {
  const { t } = useI18n();
  const { advance } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Shown once the server asks for it (after repeated failures); each solution is good for one try.
  const [humanCheck, setHumanCheck] = useState<{ key: number; payload?: string | undefined }>();

  const submit = async () => {
    try {
      await advance(
        await api<StageReply>('POST', '/api/v1/auth/sign-in', {
          email,
          password,
          altcha: humanCheck?.payload,
        }),
      );
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'auth.human_check_required' || humanCheck)) {
        setHumanCheck({ key: (humanCheck?.key ?? 0) + 1 });
      }
      throw error;
    }
  };

  return (
    <AuthFrame title={t('signIn.title')}>
      <Form submitLabel={t('signIn.submit')} onSubmit={submit}>
        <Field
          label={t('signIn.email')}
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label={t('signIn.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {humanCheck && (
          <HumanCheck
            key={humanCheck.key}
            onSolved={(payload) => setHumanCheck((h) => (h ? { ...h, payload } : h))}
          />
        )}
      </Form>
    </AuthFrame>
  );
}
