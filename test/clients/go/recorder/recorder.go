// Package recorder is an http client for slack-go that keeps the last rtm.start answer, so that the
// test programs can report what the unchanged library received (slack-go's Info keeps only url,
// self and team).
package recorder

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
)

// Counts of the lists in an rtm.start answer.
type Counts struct {
	OK       bool   `json:"ok"`
	Error    string `json:"error,omitempty"`
	Users    int    `json:"users"`
	Channels int    `json:"channels"`
	Groups   int    `json:"groups"`
	Ims      int    `json:"ims"`
	Bots     int    `json:"bots"`
	// Members of #general, the channel every user is in.
	GeneralMembers int `json:"general_members"`
}

type Recorder struct {
	mu   sync.Mutex
	last *Counts
}

func (r *Recorder) Do(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultClient.Do(req)
	if err != nil || !strings.HasSuffix(req.URL.Path, "/rtm.start") {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	var parsed struct {
		OK       bool              `json:"ok"`
		Error    string            `json:"error"`
		Users    []json.RawMessage `json:"users"`
		Channels []struct {
			Name    string   `json:"name"`
			Members []string `json:"members"`
		} `json:"channels"`
		Groups []json.RawMessage `json:"groups"`
		Ims    []json.RawMessage `json:"ims"`
		Bots   []json.RawMessage `json:"bots"`
	}
	if json.Unmarshal(body, &parsed) == nil {
		c := &Counts{OK: parsed.OK, Error: parsed.Error, Users: len(parsed.Users), Channels: len(parsed.Channels), Groups: len(parsed.Groups), Ims: len(parsed.Ims), Bots: len(parsed.Bots)}
		for _, ch := range parsed.Channels {
			if ch.Name == "general" {
				c.GeneralMembers = len(ch.Members)
			}
		}
		r.mu.Lock()
		r.last = c
		r.mu.Unlock()
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// Last is the last rtm.start answer received in full, or nil.
func (r *Recorder) Last() *Counts {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last
}
