// StartRTM against SLACK_API_URL with SLACK_BOT_TOKEN, as a program using slack-go would: on an
// error it calls StartRTM again (at most 12 times). Prints one JSON line: attempts, errors, counts.
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
	out := map[string]interface{}{"errors": []string{}}
	for attempt := 1; attempt <= 12; attempt++ {
		out["attempts"] = attempt
		info, url, err := api.StartRTM()
		if err == nil {
			out["url"] = url != ""
			out["self"] = info.User.Name
			out["counts"] = rec.Last()
			break
		}
		out["errors"] = append(out["errors"].([]string), err.Error())
		if rl, ok := err.(*slack.RateLimitedError); ok {
			time.Sleep(rl.RetryAfter)
		}
	}
	line, _ := json.Marshal(out)
	fmt.Println(string(line))
}
