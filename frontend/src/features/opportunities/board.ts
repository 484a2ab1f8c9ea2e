/** A card as the board places it: its id and the stage the server has it in. */
type Card = { id: string; stage_id: string };

/**
 * The cards a column shows: the column's first page and the further pages it loaded, without the
 * cards dropped on another column, with the cards dropped on it (until the board is read again, a
 * dropped card shows where it went; on a refusal it goes back because its entry in `moved` goes).
 */
export function columnCards<T extends Card>(stageId: string, own: readonly T[], all: readonly T[], moved: Readonly<Record<string, string>>): T[] {
  const staying = own.filter((o) => (moved[o.id] ?? o.stage_id) === stageId);
  const arrived = all.filter((o) => o.stage_id !== stageId && moved[o.id] === stageId);
  return [...staying, ...arrived];
}

/** Further cards of a column appended after those it shows, without repeats (a card may have moved up a page meanwhile). */
export function appendPage<T extends { id: string }>(shown: readonly T[], loaded: readonly T[], page: readonly T[]): T[] {
  const known = new Set([...shown, ...loaded].map((o) => o.id));
  return [...loaded, ...page.filter((o) => !known.has(o.id))];
}
