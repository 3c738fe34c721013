// StartRTM on nlopes/slack 0.1.0 as a 2017 bot called it: slack.New(token), then api.StartRTM(),
// which posts rtm.start and decodes the answer into slack.Info. Its http.Client has no timeout, so
// the call waits as long as the answer takes. Prints one JSON line: what the bot knows, or the error.
package main

import (
	"os"
	"time"

	"rtmclients/nlopesinfo"
)

func main() {
	api := nlopesinfo.Client()
	started := time.Now()
	info, url, err := api.StartRTM()
	elapsed := time.Since(started).Milliseconds()
	if err != nil {
		nlopesinfo.Print(map[string]interface{}{"error": err.Error(), "ms": elapsed})
		os.Exit(1)
	}
	nlopesinfo.Print(map[string]interface{}{"url": url, "ms": elapsed, "knows": nlopesinfo.Of(info)})
}
