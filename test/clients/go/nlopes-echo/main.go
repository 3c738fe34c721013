// An RTM echo bot on nlopes/slack 0.1.0, as the library's websocket example was grown into bots in
// 2017: NewRTM() + ManageConnection(), a switch on rtm.IncomingEvents, replies over the RTM socket
// with rtm.SendMessage. Prints JSON lines: "ready" with what it knows once connected, every message
// and reaction, the acks of its replies and every error event.
package main

import (
	"os"
	"strings"

	"github.com/nlopes/slack"

	"rtmclients/nlopesinfo"
)

func main() {
	api := nlopesinfo.Client()
	rtm := api.NewRTM()
	go rtm.ManageConnection()

	for msg := range rtm.IncomingEvents {
		switch ev := msg.Data.(type) {
		case *slack.ConnectedEvent:
			nlopesinfo.Print(map[string]interface{}{"kind": "ready", "knows": nlopesinfo.Of(ev.Info)})
		case *slack.MessageEvent:
			nlopesinfo.Print(map[string]interface{}{"kind": "event", "type": "message", "channel": ev.Channel, "user": ev.User, "text": ev.Text, "ts": ev.Timestamp})
			if ev.SubType == "" && ev.BotID == "" && strings.HasPrefix(ev.Text, "echo ") {
				rtm.SendMessage(rtm.NewOutgoingMessage(strings.TrimPrefix(ev.Text, "echo ")+" (from nlopes/slack)", ev.Channel))
			}
		case *slack.ReactionAddedEvent:
			nlopesinfo.Print(map[string]interface{}{"kind": "event", "type": "reaction_added", "reaction": ev.Reaction, "user": ev.User, "channel": ev.Item.Channel, "ts": ev.Item.Timestamp})
		case *slack.AckMessage:
			nlopesinfo.Print(map[string]interface{}{"kind": "replied", "reply_to": ev.ReplyTo, "ts": ev.Timestamp, "text": ev.Text})
		case *slack.AckErrorEvent:
			nlopesinfo.Print(map[string]interface{}{"kind": "error", "message": ev.Error()})
		case *slack.ConnectionErrorEvent, *slack.UnmarshallingErrorEvent, *slack.IncomingEventError, *slack.OutgoingErrorEvent:
			nlopesinfo.Print(map[string]interface{}{"kind": "error", "message": ev.(error).Error()})
		case *slack.InvalidAuthEvent:
			nlopesinfo.Print(map[string]interface{}{"kind": "error", "message": "invalid auth"})
			os.Exit(1)
		}
	}
}
