// NewRTM() + ManageConnection() on nlopes/slack 0.1.0, as its websocket example: NewRTM starts with
// rtm.start by default in this version. Waits for the "hello" on the WebSocket (at most 180 s) and
// prints one JSON line: what the bot knows from its ConnectedEvent, and every error event it got.
package main

import (
	"time"

	"github.com/nlopes/slack"

	"rtmclients/nlopesinfo"
)

func main() {
	api := nlopesinfo.Client()
	rtm := api.NewRTM()
	go rtm.ManageConnection()

	started := time.Now()
	out := map[string]interface{}{"errors": []string{}, "hello": false}
	addError := func(err error) { out["errors"] = append(out["errors"].([]string), err.Error()) }
	deadline := time.After(180 * time.Second)
loop:
	for {
		select {
		case ev := <-rtm.IncomingEvents:
			switch data := ev.Data.(type) {
			case *slack.ConnectionErrorEvent:
				addError(data)
			case *slack.UnmarshallingErrorEvent:
				addError(data)
			case *slack.IncomingEventError:
				addError(data)
			case *slack.ConnectedEvent:
				out["connection_count"] = data.ConnectionCount
				out["knows"] = nlopesinfo.Of(data.Info)
			case *slack.HelloEvent:
				out["hello"] = true
				break loop
			case *slack.InvalidAuthEvent:
				out["invalid_auth"] = true
				break loop
			}
		case <-deadline:
			break loop
		}
	}
	out["ms"] = time.Since(started).Milliseconds()
	rtm.Disconnect()
	nlopesinfo.Print(out)
}
