// An RTM echo bot on slack-go, as Go bots were written for classic Slack apps: it connects with
// rtm.connect and the RTM socket, answers "echo …" messages over that socket and prints what it sees
// as JSON lines. Its only configuration is the environment: SLACK_BOT_TOKEN and SLACK_API_URL.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/slack-go/slack"
)

func print(line map[string]interface{}) {
	b, _ := json.Marshal(line)
	fmt.Println(string(b))
}

func main() {
	token := os.Getenv("SLACK_BOT_TOKEN")
	if token == "" {
		fmt.Fprintln(os.Stderr, "bridge-echo: set SLACK_BOT_TOKEN")
		os.Exit(2)
	}
	options := []slack.Option{}
	if url := os.Getenv("SLACK_API_URL"); url != "" {
		options = append(options, slack.OptionAPIURL(url))
	}
	api := slack.New(token, options...)
	rtm := api.NewRTM()
	go rtm.ManageConnection()

	for msg := range rtm.IncomingEvents {
		switch ev := msg.Data.(type) {
		case *slack.ConnectedEvent:
			print(map[string]interface{}{"kind": "ready", "self": ev.Info.User.ID, "team": ev.Info.Team.ID})
		case *slack.MessageEvent:
			print(map[string]interface{}{"kind": "event", "type": "message", "channel": ev.Channel, "user": ev.User, "text": ev.Text, "ts": ev.Timestamp})
			if ev.SubType == "" && ev.BotID == "" && strings.HasPrefix(ev.Text, "echo ") {
				rtm.SendMessage(rtm.NewOutgoingMessage(strings.TrimPrefix(ev.Text, "echo ")+" (from slack-go)", ev.Channel))
			}
		case *slack.AckMessage:
			print(map[string]interface{}{"kind": "replied", "reply_to": ev.ReplyTo, "ts": ev.Timestamp, "text": ev.Text})
		case *slack.AckErrorEvent:
			print(map[string]interface{}{"kind": "error", "reply_to": ev.ReplyTo, "message": ev.Error()})
		case *slack.InvalidAuthEvent:
			print(map[string]interface{}{"kind": "error", "message": "invalid auth"})
			os.Exit(1)
		}
	}
}
