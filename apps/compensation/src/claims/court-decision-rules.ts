/**
 * How a court or a decision number is compared, so that the same decision typed twice is caught:
 * Unicode NFKC (full-width digits, ligatures, compatibility forms), case folded (Azerbaijani `ı`/`İ`
 * fold like `i`/`I`), and every run of spaces, punctuation and symbols made one space, trimmed.
 * `"Baku Grave Crimes Court "` and `"BAKU grave-crimes court"` have the same key; `1-123/2026`
 * and `11-23/2026` do not (separators are kept as one space, not dropped).
 */
export function decisionKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/\u0307/g, '')
    .normalize('NFKC')
    .replace(/[\p{P}\p{S}\p{Z}\p{C}\s]+/gu, ' ')
    .trim();
}

/** What the in-force rule needs of a decision. */
export interface DecisionLink {
  id: string;
  /** The decision this one replaces (on appeal), if any. */
  supersedesId: string | null;
  confirmed: boolean;
  awardedMinor: number;
  fundPaymentOrdered: boolean;
}

/**
 * The decisions in force on a claim: decisions on appeal form chains (each names the one it
 * replaces, and the database lets a decision be replaced at most once), and of each chain the
 * latest confirmed decision is in force. Unconfirmed decisions never count, and a re-entry never
 * adds to an award: a chain counts once.
 */
// @clause the award in force is the latest confirmed decision of each chain, never a sum of re-entries
export function decisionsInForce<D extends DecisionLink>(decisions: readonly D[]): D[] {
  const byId = new Map(decisions.map((d) => [d.id, d]));
  const replaced = new Set(decisions.map((d) => d.supersedesId).filter((id): id is string => id !== null));
  const inForce: D[] = [];
  for (const head of decisions.filter((d) => !replaced.has(d.id))) {
    const seen = new Set<string>();
    let current: D | undefined = head;
    while (current && !current.confirmed && !seen.has(current.id)) {
      seen.add(current.id);
      current = current.supersedesId === null ? undefined : byId.get(current.supersedesId);
    }
    if (current?.confirmed) inForce.push(current);
  }
  return inForce;
}
