import { ok, type MethodHandler } from './context.js';

export const authTest: MethodHandler = ({ workspace: ws }) =>
  ok({
    url: `https://${ws.team.domain}.slack.invalid/`,
    team: ws.team.name,
    user: ws.self.name,
    team_id: ws.team.id,
    user_id: ws.self.id,
    bot_id: ws.self.profile.bot_id,
    is_enterprise_install: false,
  });
