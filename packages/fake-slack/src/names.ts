/** Word lists for readable generated names. */
export const FIRST_NAMES = [
  'ada', 'alan', 'grace', 'linus', 'barbara', 'ken', 'dennis', 'margaret', 'edsger', 'donald',
  'frances', 'john', 'radia', 'tim', 'hedy', 'katherine', 'guido', 'brendan', 'anita', 'niklaus',
] as const;

export const LAST_NAMES = [
  'lovelace', 'turing', 'hopper', 'torvalds', 'liskov', 'thompson', 'ritchie', 'hamilton', 'dijkstra', 'knuth',
  'allen', 'backus', 'perlman', 'lee', 'lamarr', 'johnson', 'rossum', 'eich', 'borg', 'wirth',
] as const;

export const CHANNEL_WORDS = [
  'eng', 'ops', 'design', 'sales', 'support', 'release', 'incidents', 'random', 'lunch', 'books',
  'infra', 'mobile', 'web', 'data', 'security', 'hiring', 'music', 'pets', 'announce', 'standup',
] as const;

export const BOT_NAMES = ['deploybot', 'pagerbot', 'buildbot', 'standupbot', 'pollbot', 'giphy', 'jirabot', 'lunchbot'] as const;

export const TIME_ZONES = [
  { tz: 'America/Los_Angeles', tz_label: 'Pacific Standard Time', tz_offset: -28800 },
  { tz: 'America/New_York', tz_label: 'Eastern Standard Time', tz_offset: -18000 },
  { tz: 'Europe/London', tz_label: 'Greenwich Mean Time', tz_offset: 0 },
  { tz: 'Europe/Berlin', tz_label: 'Central European Time', tz_offset: 3600 },
  { tz: 'Asia/Tokyo', tz_label: 'Japan Standard Time', tz_offset: 32400 },
] as const;

export const LOCALES = ['en-US', 'en-GB', 'de-DE', 'ja-JP', 'fr-FR'] as const;
