// Read-only columns a grid shows after the table's own (the month comparison), as plain data.

/** A read-only column shown after the table's columns, e.g. the previous period's figure and the change. */
export interface ExtraColumn {
  id: string;
  header: string;
  /** Text and an optional class ("up", "down", "status") per unit id; a unit missing here shows an empty cell. */
  cells: ReadonlyMap<string, { text: string; className?: string; title?: string }>;
}
