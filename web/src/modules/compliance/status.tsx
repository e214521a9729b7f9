import type { z } from 'zod';
import type { complianceStatusSchema } from '../../../../src/modules/compliance/compliance.schemas.ts';
import type { RequirementStatus } from '../../../../src/modules/compliance/compliance.table.ts';
import { api, type Jsonified } from '../../api/client.ts';
import { useCurrentOrg } from '../../app/current-org.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { useI18n } from '../../i18n/i18n.tsx';

// The organization's latest evaluation as the API sends it (dates as text), and how a status looks.
export type StatusView = Jsonified<z.infer<typeof complianceStatusSchema>>;
export type RequirementView = StatusView['obligations'][number]['requirements'][number];

/** The organization the pages show (the user's own, or the one picked in the top bar). */
export function useOrgId(): string {
  return useCurrentOrg().orgId;
}

/**
 * The latest evaluation, with at most `failingLimit` failing items per requirement (0 for counts only), and only
 * one obligation's requirements when one is named.
 */
export const loadStatus = (orgId: string, failingLimit: number, obligation?: string) =>
  api<{ evaluation: StatusView | null }>(
    'GET',
    `/api/v1/compliance/status?${new URLSearchParams({
      orgId,
      failingLimit: String(failingLimit),
      ...(obligation ? { obligation } : {}),
    })}`,
  ).then((r) => r.evaluation);

const statusKeys: Record<RequirementStatus, MessageKey> = {
  met: 'status.met',
  partial: 'status.partial',
  not_met: 'status.notMet',
  not_applicable: 'status.notApplicable',
  not_evaluated: 'status.notEvaluated',
  error: 'status.error',
};

const badgeClass: Record<RequirementStatus, string> = {
  met: 'badge-good',
  partial: 'badge-warn',
  not_met: 'badge-bad',
  not_applicable: 'badge-neutral',
  not_evaluated: 'badge-neutral',
  error: 'badge-bad',
};

export function StatusBadge({ status }: { status: RequirementStatus }) {
  const { t } = useI18n();
  return <span className={`badge ${badgeClass[status]}`}>{t(statusKeys[status])}</span>;
}

export const percent = (score: number | null) => (score === null ? '—' : `${Math.round(score * 100)} %`);
