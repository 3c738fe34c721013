// An RTM echo bot on @slack/client 3 (RtmClient, 2017), as bots were written for classic Slack apps:
// rtm.start fills its data store, "echo …" messages are answered over the RTM socket with the
// channel's name from that store. Configuration from the environment only: SLACK_BOT_TOKEN and
// SLACK_API_URL. In this repository @slack/client@3 is installed under the alias @slack/client-v3.
'use strict';
const { RtmClient, CLIENT_EVENTS, RTM_EVENTS } = require('@slack/client-v3');

const print = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);
const rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, logLevel: 'error' });

rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, () => {
  print({ kind: 'ready', self: rtm.activeUserId, team: rtm.activeTeamId, channels: Object.keys(rtm.dataStore.channels).length });
});
rtm.on(RTM_EVENTS.MESSAGE, (message) => {
  print({ kind: 'event', type: 'message', channel: message.channel, user: message.user, text: message.text, ts: message.ts });
  if (message.subtype || message.bot_id || typeof message.text !== 'string' || !message.text.startsWith('echo ')) return;
  const channel = rtm.dataStore.getChannelGroupOrDMById(message.channel);
  rtm.sendMessage(`${message.text.slice(5)} (from @slack/client 3 in #${channel ? channel.name : '?'})`, message.channel, (error, reply) => {
    if (error) print({ kind: 'error', message: String(error.message || error) });
    // RtmClient calls back only with the answer whose reply_to is this message's id (it removes reply_to).
    else print({ kind: 'replied', ts: reply.ts, text: reply.text });
  });
});
rtm.start();
