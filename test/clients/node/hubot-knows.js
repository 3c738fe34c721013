// A Hubot script (Description/Commands in Hubot's own header style below), loaded by Hubot from its
// `scripts/` folder once the adapter says `connected`: it prints one line, `hubot-knows <JSON>`, of
// what the bot knows of the workspace from hubot-slack's RtmClient data store (filled from the answer
// to rtm.start), then exits. Nothing of Hubot or hubot-slack is changed.
//
// Description:
//   Print what the bot knows from robot.adapter.client.rtm.dataStore, then exit.
//
// Commands:
//   none
'use strict';

const ids = (table) => Object.keys(table || {}).sort();

module.exports = (robot) => {
  const rtm = robot.adapter.client.rtm;
  const store = rtm.dataStore;
  const general = store.getChannelByName('general');
  const members = {};
  for (const c of [...Object.values(store.channels), ...Object.values(store.groups)]) {
    members[c.id] = (c.members || []).length;
  }
  const knows = {
    name: robot.name,
    self: rtm.activeUserId,
    team: rtm.activeTeamId,
    users: ids(store.users),
    channels: ids(store.channels),
    groups: ids(store.groups),
    dms: ids(store.dms),
    bots: ids(store.bots),
    general: general ? general.id : null,
    general_members: general ? [...(general.members || [])].sort() : null,
    members,
    adapter: require('hubot-slack/package.json').version,
  };
  process.stdout.write(`hubot-knows ${JSON.stringify(knows)}\n`, () => process.exit(0));
};
