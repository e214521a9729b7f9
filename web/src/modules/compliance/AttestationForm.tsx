import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Field, Form, SelectField } from '../../ui/ui.tsx';
import { useOrgId } from './status.tsx';

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** A dated declaration with its evidence file, for a duty that no check measures yet. */
export function AttestationForm(props: { requirementId: string; measured: boolean; onDone(): void }) {
  const { requirementId, onDone } = props;
  const { t, today } = useI18n();
  const orgId = useOrgId();
  const [open, setOpen] = useState(false);
  // A measured requirement answers to its data: a person can only declare that it does not apply.
  const [kind, setKind] = useState(props.measured ? 'not_applicable' : 'compliant');
  const [statement, setStatement] = useState('');
  const [effectiveOn, setEffectiveOn] = useState(today);
  const [expiresOn, setExpiresOn] = useState('');
  const [file, setFile] = useState<File | undefined>();
  if (!open)
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        {props.measured ? t('attest.openNotApplicable') : t('attest.open')}
      </button>
    );
  return (
    <Form
      submitLabel={t('attest.submit')}
      onSubmit={async () => {
        await api('POST', '/api/v1/compliance/attestations', {
          orgId,
          requirementId,
          kind,
          statement,
          effectiveOn,
          expiresOn: expiresOn || null,
          ...(file
            ? {
                evidence: {
                  name: file.name,
                  type: file.type || 'application/octet-stream',
                  contentBase64: await base64Of(file),
                },
              }
            : {}),
        });
        setOpen(false);
        onDone();
      }}
    >
      <SelectField
        label={t('attest.kind')}
        value={kind}
        onChange={setKind}
        options={[
          ...(props.measured ? [] : [{ value: 'compliant', label: t('attest.compliant') }]),
          { value: 'not_applicable', label: t('attest.notApplicable') },
        ]}
      />
      <Field
        label={t('attest.statement')}
        value={statement}
        onChange={(e) => setStatement(e.target.value)}
        required
      />
      <Field
        label={t('attest.effectiveOn')}
        type="date"
        value={effectiveOn}
        onChange={(e) => setEffectiveOn(e.target.value)}
        required
      />
      <Field
        label={t('attest.expiresOn')}
        type="date"
        value={expiresOn}
        onChange={(e) => setExpiresOn(e.target.value)}
      />
      <Field label={t('attest.evidence')} type="file" onChange={(e) => setFile(e.target.files?.[0])} />
    </Form>
  );
}
