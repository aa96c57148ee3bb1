/**
 * The process that wrote a row which only means something while that process runs (a running
 * task, a budget reservation): its pid, and a token made when its engine started, so a later
 * process that happens to get the same pid is not mistaken for it.
 */
export type ProcessOwner = { readonly pid: number; readonly token: string };

/** An owner as stored: rows written before owners were recorded have none. */
export type StoredOwner = { readonly pid: number | null; readonly token: string | null };
