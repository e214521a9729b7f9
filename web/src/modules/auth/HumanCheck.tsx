import 'altcha/external';
import 'altcha/altcha.css';
import 'altcha/i18n/fr-ca';
import type {} from 'altcha/types/global';
import Pbkdf2Worker from 'altcha/workers/pbkdf2?worker';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

// The ALTCHA widget (obligation 9's human check). The external build keeps its CSS and worker in files of
// their own, which the Content Security Policy allows without inline code.
$altcha.algorithms.set('PBKDF2/SHA-256', () => new Pbkdf2Worker());

/** Shows the widget; calls `onSolved` with the payload to send once the proof of work is done. */
export function HumanCheck({ onSolved }: { onSolved(payload: string | undefined): void }) {
  const container = useRef<HTMLDivElement>(null);
  const { locale } = useI18n();
  // The latest callback, read by the widget's listener: the widget is not rebuilt when the parent re-renders.
  const solved = useRef(onSolved);
  solved.current = onSolved;
  useEffect(() => {
    const host = container.current;
    if (!host) return;
    // Made by hand rather than in JSX: the widget is a custom element whose attributes React does not type.
    const widget = document.createElement('altcha-widget');
    widget.setAttribute('challenge', '/api/v1/auth/human-check');
    widget.setAttribute('language', locale === 'fr-CA' ? 'fr-ca' : 'en');
    widget.setAttribute('name', 'altcha');
    const listener = (event: Event) => {
      const detail = (event as CustomEvent<{ state: string; payload?: string }>).detail;
      solved.current(detail.state === 'verified' ? detail.payload : undefined);
    };
    widget.addEventListener('statechange', listener);
    host.append(widget);
    return () => {
      widget.removeEventListener('statechange', listener);
      widget.remove();
    };
  }, [locale]);
  return <div ref={container} className="human-check" data-testid="human-check" />;
}
