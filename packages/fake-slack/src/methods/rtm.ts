import { RTM_CONNECT_REQUIRED, RTM_START_MEMBER_LIMIT } from '@rtm-migrate/core';
import { dndShape, flag, legacyConversationShape, manualAwayOf, teamPreferences, userShape, usergroupShape, type LegacyOptions } from '../shapes.js';
import { EMAIL_SCOPE } from '../scopes.js';
import { fail, ok, type MethodContext, type MethodHandler, type MethodResult } from './context.js';

function connectShape(ctx: MethodContext): Record<string, unknown> {
  const ws = ctx.workspace;
  return {
    url: ctx.issueWebSocketUrl(),
    self: { id: ws.self.id, name: ws.self.name },
    team: { id: ws.team.id, name: ws.team.name, domain: ws.team.domain },
  };
}

export const rtmConnect: MethodHandler = (ctx) => ok(connectShape(ctx));

/**
 * `rtm.start` in the three ways Slack has answered it: `legacy` (the full snapshot),
 * `connect_required` (the explicit error), `connect_shape` (ok, but only `rtm.connect`'s fields).
 */
export const rtmStart: MethodHandler = (ctx) => {
  if (ctx.mode === 'connect_required') return fail(RTM_CONNECT_REQUIRED);
  if (ctx.mode === 'connect_shape') return ok(connectShape(ctx));
  return legacyStart(ctx);
};

function legacyStart(ctx: MethodContext): MethodResult {
  const ws = ctx.workspace;
  const { args } = ctx;
  const noLatest = flag(args, 'no_latest');
  const options: LegacyOptions = {
    locale: flag(args, 'include_locale'),
    noLatest,
    // no_latest also sets no_unreads (reference §1).
    noUnreads: noLatest || flag(args, 'no_unreads'),
    simpleLatest: flag(args, 'simple_latest'),
    memberLimit: RTM_START_MEMBER_LIMIT,
  };
  const mpimAware = flag(args, 'mpim_aware');
  const cut: boolean[] = [];
  const list = (type: Parameters<typeof legacyConversationShape>[1]['type'], as: 'channels' | 'groups' | 'mpims' | 'ims') =>
    ws.byType[type].map((c) => {
      const { shape, truncated } = legacyConversationShape(ws, c, as, options);
      cut.push(truncated);
      return shape;
    });
  const channels = list('public_channel', 'channels');
  const groups = [...list('private_channel', 'groups'), ...(mpimAware ? [] : list('mpim', 'groups'))];
  const mpims = mpimAware ? list('mpim', 'mpims') : undefined;
  const ims = list('im', 'ims');
  const now = Math.floor(Date.now() / 1000);
  const email = ctx.scopes.includes(EMAIL_SCOPE);
  const { connect, self } = { connect: connectShape(ctx), self: ws.self };
  return ok(
    {
      url: connect['url'],
      self: {
        id: self.id,
        name: self.name,
        prefs: { highlight_words: '', user_colors: '', color_names_in_list: true, tz: self['tz'], locale: 'en-US' },
        created: self['updated'],
        manual_presence: manualAwayOf(self) ? 'away' : 'active',
      },
      team: {
        ...ws.team,
        msg_edit_window_mins: -1,
        over_storage_limit: false,
        prefs: { ...teamPreferences(), default_channels: [ws.byType.public_channel[0]?.id] },
        plan: '',
      },
      latest_event_ts: `${now}.000000`,
      channels,
      groups,
      ...(mpims ? { mpims } : {}),
      ims,
      cache_ts: now,
      cache_version: 'v21-fake',
      cache_ts_version: 'v2-fake',
      read_only_channels: [],
      non_threadable_channels: [],
      thread_only_channels: [],
      can_manage_shared_channels: false,
      subteams: {
        self: ws.usergroups.filter((g) => ws.members(g).includes(self.id)).map((g) => g.id),
        all: ws.usergroups.map((g) => usergroupShape(ws, g, { users: true, count: true })),
      },
      dnd: dndShape(true),
      // No `presence`: `rtm.start` stopped sending it in January 2018 (core's `droppedFromRtmStart`).
      users: ws.users.map((u) => userShape(u, { locale: options.locale, email })),
      bots: ws.bots.map(({ id, deleted, name, updated, app_id, icons }) => ({ id, deleted, name, updated, app_id, icons })),
      is_europe: false,
      links: {},
      accept_tos_url: null,
    },
    cut.includes(true) ? { warnings: ['member_list_truncated'] } : {},
  );
}
