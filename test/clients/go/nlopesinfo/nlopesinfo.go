// Package nlopesinfo prints what a bot on nlopes/slack 0.1.0 (2017) knows about its workspace from
// the Info its rtm.start answer was decoded into, so that the tests can compare the bot's view
// through rtm-shim with its view of a Slack that still answered rtm.start in full.
package nlopesinfo

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/nlopes/slack"
)

// Client is slack.New(SLACK_BOT_TOKEN) pointed at SLACK_API_URL when it is set. 0.1.0 has no client
// option for the API base: the package variable slack.SLACK_API is the only way (its own tests set it
// so), and the way a bot of the time pointed it elsewhere.
func Client() *slack.Client {
	if url := os.Getenv("SLACK_API_URL"); url != "" {
		slack.SLACK_API = url
	}
	return slack.New(os.Getenv("SLACK_BOT_TOKEN"))
}

// Knows is the bot's view: the ids of every list, sorted, and how many members each channel and
// group lists.
type Knows struct {
	Self           string         `json:"self"`
	SelfID         string         `json:"self_id"`
	Team           string         `json:"team"`
	Users          []string       `json:"users"`
	Channels       []string       `json:"channels"`
	Groups         []string       `json:"groups"`
	Ims            []string       `json:"ims"`
	Bots           []string       `json:"bots"`
	GeneralMembers int            `json:"general_members"`
	Members        map[string]int `json:"members"`
}

// Of reads info as a bot reads it: Info's own fields, nothing else.
func Of(info *slack.Info) *Knows {
	k := &Knows{Members: map[string]int{}}
	if info.User != nil {
		k.Self, k.SelfID = info.User.Name, info.User.ID
	}
	if info.Team != nil {
		k.Team = info.Team.ID
	}
	for _, u := range info.Users {
		k.Users = append(k.Users, u.ID)
	}
	for _, c := range info.Channels {
		k.Channels = append(k.Channels, c.ID)
		k.Members[c.ID] = len(c.Members)
		if c.IsGeneral {
			k.GeneralMembers = len(c.Members)
		}
	}
	for _, g := range info.Groups {
		k.Groups = append(k.Groups, g.ID)
		k.Members[g.ID] = len(g.Members)
	}
	for _, im := range info.IMs {
		k.Ims = append(k.Ims, im.ID)
	}
	for _, b := range info.Bots {
		k.Bots = append(k.Bots, b.ID)
	}
	for _, ids := range [][]string{k.Users, k.Channels, k.Groups, k.Ims, k.Bots} {
		sort.Strings(ids)
	}
	return k
}

// Print writes line as one JSON line on stdout.
func Print(line map[string]interface{}) {
	b, err := json.Marshal(line)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(string(b))
}
