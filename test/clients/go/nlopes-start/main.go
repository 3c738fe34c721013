// StartRTM on nlopes/slack 0.1.0 as a 2017 bot called it: slack.New(token), then api.StartRTM(),
// which posts rtm.start and decodes the answer into slack.Info. Its http.Client has no timeout, so
// the call waits as long as the answer takes. Prints one JSON line: what the bot knows, or the error.
package main

import (
	"os"
	"time"

	"github.com/nlopes/slack"

	"rtmclients/nlopesinfo"
)

func main() {
	// 0.1.0 has no client option for the API base: the package variable slack.SLACK_API is the only
	// way (its own tests set it so), and the way a bot of the time pointed it elsewhere.
	if url := os.Getenv("SLACK_API_URL"); url != "" {
		slack.SLACK_API = url
	}
	api := slack.New(os.Getenv("SLACK_BOT_TOKEN"))
	started := time.Now()
	info, url, err := api.StartRTM()
	elapsed := time.Since(started).Milliseconds()
	if err != nil {
		nlopesinfo.Print(map[string]interface{}{"error": err.Error(), "ms": elapsed})
		os.Exit(1)
	}
	nlopesinfo.Print(map[string]interface{}{"url": url, "ms": elapsed, "knows": nlopesinfo.Of(info)})
}
