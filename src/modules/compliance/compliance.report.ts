import { dayIn, stampIn } from '../../core/clock.ts';
import { failingItemLabel } from '../../core/compliance/checks.ts';
import type { ComplianceStatus } from './compliance.service.ts';
import type { RequirementStatus } from './compliance.table.ts';

// The compliance report a security officer hands to management or to the COCD: the directive, each requirement's
// status with its evidence and failing items, dated, in French or English. JSON for machines (the same shape as
// `vigie compliance status --format json`), self-contained HTML that prints well, and a PDF drawn with pdfkit,
// with no browser at run time.

export type Lang = 'fr' | 'en';
export type ReportFormat = 'html' | 'pdf' | 'json';
export type ComplianceReport = {
  organization: { id: string; name: string };
  generatedAt: Date;
  /** The organization's time zone (VIGIE_TIME_ZONE): the report's times and its file's day are read there. */
  timeZone: string;
  status: ComplianceStatus;
};

const words = {
  fr: {
    title: 'Rapport de conformité',
    organization: 'Organisation',
    evaluatedAt: 'Évaluée le',
    generatedAt: 'Produit le',
    score: 'Score',
    status: 'Statut',
    measured: 'mesurée',
    declared: 'déclarée',
    evidence: 'Preuves',
    failing: 'Éléments en défaut',
    more: 'autres',
    colon: ' : ',
    counts: (m: number, d: number, n: number) =>
      `${m} exigences mesurées à partir des données, ${d} déclarées par attestation, ${n} pas encore évaluées.`,
    statuses: {
      met: 'Conforme',
      partial: 'Partiellement conforme',
      not_met: 'Non conforme',
      not_applicable: 'Sans objet',
      not_evaluated: 'Pas encore évaluée',
      error: 'Erreur d’évaluation',
    } satisfies Record<RequirementStatus, string>,
  },
  en: {
    title: 'Compliance report',
    organization: 'Organization',
    evaluatedAt: 'Evaluated on',
    generatedAt: 'Produced on',
    score: 'Score',
    status: 'Status',
    measured: 'measured',
    declared: 'declared',
    evidence: 'Evidence',
    failing: 'Failing items',
    more: 'more',
    colon: ': ',
    counts: (m: number, d: number, n: number) =>
      `${m} requirements measured from data, ${d} declared by attestation, ${n} not evaluated yet.`,
    statuses: {
      met: 'Met',
      partial: 'Partially met',
      not_met: 'Not met',
      not_applicable: 'Not applicable',
      not_evaluated: 'Not evaluated yet',
      error: 'Evaluation error',
    } satisfies Record<RequirementStatus, string>,
  },
};

const percent = (score: number | null) => (score === null ? '—' : `${Math.round(score * 100)} %`);

/** The machine-readable status: `vigie compliance status --format json` prints exactly this. */
export function statusJson(status: ComplianceStatus, lang: Lang) {
  return {
    framework: {
      id: status.framework.id,
      version: status.framework.version,
      title: status.framework.title[lang],
    },
    evaluatedAt: status.evaluatedAt.toISOString(),
    status: status.status,
    score: status.score,
    counts: status.counts,
    obligations: status.obligations.map((o) => ({
      id: o.id,
      title: o.title[lang],
      status: o.status,
      score: o.score,
      requirements: o.requirements.map((r) => ({
        id: r.id,
        status: r.status,
        mode: r.mode,
        score: r.score,
        summary: r.summary[lang],
        failingCount: r.failingCount,
        failing: r.failing.map((f) => ({
          item: f.item,
          ...(f.org && { org: f.org }),
          reason: f.reason[lang],
        })),
        evidence: r.evidence.map((e) => e.label[lang]),
      })),
    })),
  };
}

/** The status as lines of text, for a terminal: `vigie compliance status` and `evaluate` print it. */
export function statusText(status: ComplianceStatus, lang: Lang, timeZone: string): string {
  const w = words[lang];
  const stamp = stampIn(timeZone);
  const lines = [
    `${status.framework.title[lang]} — ${stamp(status.evaluatedAt)} — ${w.statuses[status.status]}, ${w.score.toLowerCase()} ${percent(status.score)}`,
  ];
  for (const o of status.obligations) {
    lines.push(`${o.id}. ${o.title[lang]}${w.colon}${w.statuses[o.status]}`);
    for (const r of o.requirements) {
      const mode = r.mode === 'measured' ? w.measured : w.declared;
      // What was found, with its count ("8 sur 9"); a requirement not evaluated yet would repeat the same words.
      const summary = r.status === 'not_evaluated' ? '' : ` — ${r.summary[lang]}`;
      lines.push(`   ${r.id} ${w.statuses[r.status]} (${mode})${summary}`);
      for (const f of r.failing.slice(0, 5))
        lines.push(`      ${failingItemLabel(f)}${w.colon}${f.reason[lang]}`);
      if (r.failingCount > 5) lines.push(`      … ${r.failingCount - 5} ${w.more}`);
    }
  }
  return lines.join('\n');
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function html(report: ComplianceReport, lang: Lang): string {
  const w = words[lang];
  const stamp = stampIn(report.timeZone);
  const s = report.status;
  const e = escapeHtml;
  const obligations = s.obligations
    .map(
      (o) => `
<section>
  <h2>${e(o.id)}. ${e(o.title[lang])} <span class="badge ${o.status}">${w.statuses[o.status]} · ${percent(o.score)}</span></h2>
  ${o.requirements
    .map(
      (r) => `
  <article>
    <h3>${e(r.id)} <span class="badge ${r.status}">${w.statuses[r.status]}</span> <span class="mode">${r.mode === 'measured' ? w.measured : w.declared}</span></h3>
    <p class="text">${e(r.text[lang])}</p>
    <p>${e(r.summary[lang])}</p>
    ${r.evidence.length ? `<p class="label">${w.evidence}</p><ul>${r.evidence.map((x) => `<li>${e(x.label[lang])}</li>`).join('')}</ul>` : ''}
    ${
      r.failing.length
        ? `<p class="label">${w.failing} (${r.failingCount})</p><ul>${r.failing
            .slice(0, 50)
            .map((f) => `<li><strong>${e(failingItemLabel(f))}</strong>${w.colon}${e(f.reason[lang])}</li>`)
            .join('')}${r.failingCount > 50 ? `<li>… ${r.failingCount - 50} ${w.more}</li>` : ''}</ul>`
        : ''
    }
  </article>`,
    )
    .join('')}
</section>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${w.title} — ${e(report.organization.name)}</title>
<style>
body { font: 11pt/1.45 system-ui, sans-serif; color: #111; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { margin-bottom: .2rem; } h2 { border-bottom: 2px solid #1f3a5f; padding-bottom: .2rem; margin-top: 2rem; }
h3 { margin: 1rem 0 .3rem; font-size: 1.05rem; } .text { color: #333; font-style: italic; }
.badge { font-size: .8rem; padding: .1rem .45rem; border-radius: .3rem; border: 1px solid #888; white-space: nowrap; }
.met { background: #dff3e4; border-color: #2e7d32; } .partial { background: #fff4d6; border-color: #b26a00; }
.not_met, .error { background: #fde2e1; border-color: #c62828; } .not_evaluated, .not_applicable { background: #eee; }
.mode { font-size: .8rem; color: #555; } .label { font-weight: 600; margin-bottom: 0; } ul { margin-top: .2rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
article { break-inside: avoid; } @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
</style>
</head>
<body>
<h1>${w.title}</h1>
<p>${e(s.framework.title[lang])} (${e(s.framework.version)})</p>
<dl>
<dt>${w.organization}</dt><dd>${e(report.organization.name)}</dd>
<dt>${w.evaluatedAt}</dt><dd>${stamp(s.evaluatedAt)}</dd>
<dt>${w.generatedAt}</dt><dd>${stamp(report.generatedAt)}</dd>
<dt>${w.status}</dt><dd><span class="badge ${s.status}">${w.statuses[s.status]}</span></dd>
<dt>${w.score}</dt><dd>${percent(s.score)}</dd>
</dl>
<p>${w.counts(s.counts.measured, s.counts.declared, s.counts.notEvaluated)}</p>
${obligations}
</body>
</html>
`;
}

async function pdf(report: ComplianceReport, lang: Lang): Promise<Buffer> {
  // Loaded for the first PDF: 0.3 s that every `vigie` command paid at its start.
  const { default: PDFDocument } = await import('pdfkit');
  const w = words[lang];
  const s = report.status;
  const stamp = stampIn(report.timeZone);
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 54,
    info: {
      Title: `${w.title} — ${report.organization.name}`,
      Author: 'Vigie',
      CreationDate: report.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc.font('Helvetica-Bold').fontSize(18).text(w.title);
  doc.font('Helvetica').fontSize(11).text(`${s.framework.title[lang]} (${s.framework.version})`);
  doc.moveDown(0.5);
  for (const [label, value] of [
    [w.organization, report.organization.name],
    [w.evaluatedAt, stamp(s.evaluatedAt)],
    [w.generatedAt, stamp(report.generatedAt)],
    [w.status, `${w.statuses[s.status]} — ${w.score} ${percent(s.score)}`],
  ] as const)
    doc.font('Helvetica-Bold').text(`${label} : `, { continued: true }).font('Helvetica').text(value);
  doc
    .moveDown(0.3)
    .fontSize(10)
    .text(w.counts(s.counts.measured, s.counts.declared, s.counts.notEvaluated));

  for (const o of s.obligations) {
    doc.moveDown(1).font('Helvetica-Bold').fontSize(13).fillColor('#1f3a5f');
    doc.text(`${o.id}. ${o.title[lang]} — ${w.statuses[o.status]} (${percent(o.score)})`).fillColor('black');
    for (const r of o.requirements) {
      doc.moveDown(0.4).font('Helvetica-Bold').fontSize(10.5);
      doc.text(`${r.id} — ${w.statuses[r.status]} (${r.mode === 'measured' ? w.measured : w.declared})`);
      doc.font('Helvetica-Oblique').fontSize(9).text(r.text[lang]);
      doc.font('Helvetica').fontSize(9.5).text(r.summary[lang]);
      for (const e of r.evidence) doc.text(`• ${w.evidence} : ${e.label[lang]}`, { indent: 10 });
      for (const f of r.failing.slice(0, 20))
        doc.text(`• ${failingItemLabel(f)} : ${f.reason[lang]}`, { indent: 10 });
      if (r.failingCount > 20) doc.text(`• … ${r.failingCount - 20} ${w.more}`, { indent: 10 });
    }
  }
  doc.end();
  return done;
}

export async function renderReport(
  report: ComplianceReport,
  format: ReportFormat,
  lang: Lang,
): Promise<{ contentType: string; body: string | Buffer }> {
  if (format === 'json')
    return {
      contentType: 'application/json; charset=utf-8',
      body: `${JSON.stringify(
        {
          organization: report.organization,
          generatedAt: report.generatedAt,
          ...statusJson(report.status, lang),
        },
        null,
        2,
      )}\n`,
    };
  if (format === 'pdf') return { contentType: 'application/pdf', body: await pdf(report, lang) };
  return { contentType: 'text/html; charset=utf-8', body: html(report, lang) };
}

export function reportFileName(report: ComplianceReport, format: ReportFormat): string {
  const day = dayIn(report.timeZone)(report.generatedAt);
  return `vigie-conformite-${report.status.framework.id}-${day}.${format}`;
}
