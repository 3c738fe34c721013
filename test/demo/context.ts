/** What the demo stages share: the workspace they run against and what earlier stages found. */
export interface DemoContext {
  /** A temporary copy of fixtures/legacy-bot (fixtures are never edited in place). */
  readonly legacyBot: string;
  readonly workspace: { readonly seed: number; readonly users: number; readonly channels: number };
  /** The bot's summary against the legacy rtm.start: what every later stage must reproduce. */
  legacySummary?: string;
}
