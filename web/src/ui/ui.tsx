import { type FormEvent, type InputHTMLAttributes, type ReactNode, useEffect, useId, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';

// Shared building blocks: every input has a visible label, errors are announced to screen readers.

export function Field(props: { label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const { label, hint, ...input } = props;
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

export function SelectField(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  options: { value: string; label: string }[];
  name?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Alert({ kind, children }: { kind: 'error' | 'info' | 'success'; children: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function errorText(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

/** Runs an async action from a form, keeping its pending state and its error to show. */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<void>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const run = async (...args: A) => {
    setPending(true);
    setError(undefined);
    try {
      await action(...args);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setPending(false);
    }
  };
  return { run, pending, error };
}

export function Form(props: {
  onSubmit(): Promise<void>;
  children: ReactNode;
  submitLabel: string;
  className?: string;
}) {
  const { run, pending, error } = useAction(props.onSubmit);
  const { t } = useI18n();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run();
  };
  return (
    <form onSubmit={submit} className={props.className ?? 'form'}>
      {error && <Alert kind="error">{error}</Alert>}
      {props.children}
      <button type="submit" disabled={pending}>
        {pending ? t('common.loading') : props.submitLabel}
      </button>
    </form>
  );
}

export function Page({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}

/** Loads data for a page; `reload` fetches again after a change. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the load depends on.
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setData(value),
      (e) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [version, ...deps]);
  return { data, error, reload: () => setVersion((v) => v + 1) };
}

/** The value once it has stopped changing for `ms`: a search box asks the server once the person pauses. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
