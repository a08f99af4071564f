// The results' codes (tier, verdict, caps, warnings) in the UI's language. The core sends codes
// with their params; the words are the locale files' (`enums.tier`, `enums.verdict`,
// `results.cap.*`, `results.warning.*`), the numbers in them the core's (bindings/wire).
import { enumKey, NA_SHARE_WARNING_PERCENT, type Cap, type ExportWarning, type Score, type ScoreWarning, type Tier, type Verdict } from '../../services';

/** A translate function (i18next's `t`). */
type T = (key: string, options?: Record<string, unknown>) => string;

/** What the results say overall: the verdict, or the tier's name when the tier speaks. */
export function verdictText(t: T, score: { tier: Tier; verdict: Verdict }): string {
  return score.verdict === 'by_tier' ? t(enumKey('tier', score.tier)) : t(enumKey('verdict', score.verdict));
}

/** Why the tier was held, in the UI's language; the band it was held at is the score's tier. */
export function capText(t: T, cap: Cap, tier: Score['tier']): string {
  const held = t(enumKey('tier', tier));
  switch (cap.code) {
    case 'domain_below60':
      return t('results.cap.domain_below60', { domain: cap.domain, tier: held });
    case 'core_incomplete':
      return t('results.cap.core_incomplete', { points: cap.points.join(t('common.listSeparator')), tier: held });
  }
}

/** Something to know about the score, in the UI's language. */
export function warningText(t: T, w: ScoreWarning): string {
  switch (w.code) {
    case 'basic_not_applicable':
      return t('results.warning.basic_not_applicable', { criterion: w.criterion });
    case 'not_applicable_over20':
      return t('results.warning.not_applicable_over20', { points: w.points, percent: NA_SHARE_WARNING_PERCENT });
    case 'evidence_missing':
      return t('results.warning.evidence_missing', { criteria: w.criteria.join(t('common.listSeparator')) });
    case 'unanswered':
      return t('results.warning.unanswered', { count: w.count });
    case 'needs_review':
      return t('results.warning.needs_review', { count: w.count });
  }
}

/** Something to settle before handing a report on, in the UI's language. */
export function exportWarningText(t: T, w: ExportWarning): string {
  switch (w.code) {
    case 'internal_name':
      return t('results.exportWarning.internal_name', {
        place: w.place === 'rule_title' ? t('results.exportWarning.ruleTitle', { title: w.text }) : t(`results.exportWarning.place.${w.place}`),
        kind: t(`results.exportWarning.kind.${w.kind}`),
        name: w.name,
      });
    case 'evidence_title_withheld':
      return t('results.exportWarning.evidence_title_withheld', {
        title: w.title,
        kind: t(`results.exportWarning.kind.${w.kind}`),
        name: w.name,
      });
    case 'highlights_detail':
      return t('results.exportWarning.highlights_detail', { hint: w.hint });
    case 'unplanned':
    case 'contradictions':
      return t(`results.exportWarning.${w.code}`, { count: w.count });
    default:
      return t(`results.exportWarning.${w.code}`);
  }
}
