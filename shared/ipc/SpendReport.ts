/** Cloud spending of one UTC day. */
export type DailySpend = {
  /** `YYYY-MM-DD`, UTC (the day the daily cap counts). */
  readonly day: string;
  readonly costUsd: number;
  /** Paid calls; free local calls are not counted. */
  readonly calls: number;
};

/** Cloud spending with one provider over the report's days. */
export type ProviderSpend = {
  readonly provider: string;
  readonly costUsd: number;
  readonly calls: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
};

/** What is left under one cap; null fields mean there is no such cap. */
export type CapRemaining = {
  readonly capUsd: number | null;
  /** Charged plus reserved by running tasks in the cap's window. */
  readonly usedUsd: number;
  readonly remainingUsd: number | null;
  /** ISO time the window restarts. */
  readonly resetsAt: string;
};

/** The Budget screen's charts and what remains, for the active profile. */
export type SpendReport = {
  /** One entry per day, oldest first, zero days included. */
  readonly days: readonly DailySpend[];
  /** Over the same days, most expensive first. */
  readonly providers: readonly ProviderSpend[];
  readonly daily: CapRemaining;
  readonly monthly: CapRemaining;
};
