// NewRTM(RTMOptionUseStart(true)) with ManageConnection against SLACK_API_URL: waits for the
// "hello" on the WebSocket (at most 180 s). Prints one JSON line: connection errors seen, counts.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/slack-go/slack"

	"rtmclients/recorder"
)

func main() {
	rec := &recorder.Recorder{}
	api := slack.New(os.Getenv("SLACK_BOT_TOKEN"), slack.OptionAPIURL(os.Getenv("SLACK_API_URL")), slack.OptionHTTPClient(rec))
	rtm := api.NewRTM(slack.RTMOptionUseStart(true))
	go rtm.ManageConnection()
	out := map[string]interface{}{"errors": []string{}, "hello": false}
	deadline := time.After(180 * time.Second)
loop:
	for {
		select {
		case ev := <-rtm.IncomingEvents:
			switch data := ev.Data.(type) {
			case *slack.ConnectionErrorEvent:
				out["errors"] = append(out["errors"].([]string), data.Error())
			case *slack.ConnectedEvent:
				out["self"] = data.Info.User.Name
				out["counts"] = rec.Last()
			case *slack.HelloEvent:
				out["hello"] = true
				break loop
			case *slack.InvalidAuthEvent:
				break loop
			}
		case <-deadline:
			break loop
		}
	}
	rtm.Disconnect()
	line, _ := json.Marshal(out)
	fmt.Println(string(line))
}
