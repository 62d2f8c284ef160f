package main

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"log/slog"
	"net"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"github.com/FerretDB/wire"
	"github.com/FerretDB/wire/wirebson"
	"github.com/FerretDB/wire/wireclient"
)

// frame encodes msg as a whole OP_MSG message (header and body).
func frame(t *testing.T, msg *wire.OpMsg, requestID int32) []byte {
	t.Helper()
	body, err := msg.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	header := wire.MsgHeader{
		MessageLength: int32(wire.MsgHeaderLen + len(body)),
		RequestID:     requestID,
		OpCode:        wire.OpCodeMsg,
	}
	b, err := header.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return append(b, body...)
}

func TestClassify(t *testing.T) {
	moreToCome := wire.MustOpMsg("insert", "docs", "$db", "app")
	moreToCome.Flags = wire.OpMsgFlags(wire.OpMsgMoreToCome)
	pipeline := func(stages ...any) *wire.OpMsg {
		return wire.MustOpMsg("aggregate", "docs", "pipeline", wirebson.MustArray(stages...), "$db", "app")
	}
	for name, tc := range map[string]struct {
		msg  *wire.OpMsg
		want request
	}{
		"insert":         {wire.MustOpMsg("insert", "docs", "$db", "app"), request{write: true, dbs: []string{"app"}}},
		"findAndModify":  {wire.MustOpMsg("findAndModify", "docs", "$db", "app"), request{write: true, dbs: []string{"app"}}},
		"find":           {wire.MustOpMsg("find", "docs", "$db", "app"), request{}},
		"unknown writes": {wire.MustOpMsg("applyOps", wirebson.MustArray(), "$db", "app"), request{write: true, dbs: []string{"app"}}},
		"renameCollection locks both databases": {
			wire.MustOpMsg("renameCollection", "b.old", "to", "a.new", "$db", "admin"),
			request{write: true, dbs: []string{"a", "admin", "b"}},
		},
		"aggregate reads": {pipeline(wirebson.MustDocument("$match", wirebson.MustDocument())), request{}},
		"aggregate $out writes": {
			pipeline(wirebson.MustDocument("$match", wirebson.MustDocument()), wirebson.MustDocument("$out", "copy")),
			request{write: true, dbs: []string{"app"}},
		},
		"moreToCome": {moreToCome, request{write: true, dbs: []string{"app"}, moreToCome: true}},
	} {
		t.Run(name, func(t *testing.T) {
			if got := classify(frame(t, tc.msg, 1)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}

	t.Run("OP_QUERY and malformed OP_MSG are passed on as reads", func(t *testing.T) {
		query := frame(t, wire.MustOpMsg("insert", "docs", "$db", "app"), 1)
		query[12] = byte(wire.OpCodeQuery & 0xff)
		query[13] = byte(wire.OpCodeQuery >> 8)
		if got := classify(query); !reflect.DeepEqual(got, request{}) {
			t.Errorf("OP_QUERY: got %+v", got)
		}
		broken := frame(t, wire.MustOpMsg("insert", "docs", "$db", "app"), 1)
		broken[len(broken)-3] = 0xff
		if got := classify(broken[:len(broken)-2]); !reflect.DeepEqual(got, request{}) {
			t.Errorf("malformed: got %+v", got)
		}
	})
}

// A reply with moreToCome (an exhaust cursor) is followed by more replies to the same request.
func TestFrontRelaysExhaustReplies(t *testing.T) {
	var replies [][]byte
	for i := range 3 {
		reply := wire.MustOpMsg("n", int32(i), "ok", float64(1))
		if i < 2 {
			reply.Flags = wire.OpMsgFlags(wire.OpMsgMoreToCome)
		}
		replies = append(replies, frame(t, reply, int32(100+i)))
	}
	backendSide, frontSide := net.Pipe()
	go func() {
		if _, err := readFrame(bufio.NewReader(backendSide)); err != nil {
			return
		}
		for _, reply := range replies {
			_, _ = backendSide.Write(reply)
		}
	}()
	client := startFront(t, func() (net.Conn, error) { return frontSide, nil })(t)

	request := wire.MustOpMsg("getMore", int64(1), "$db", "app")
	request.Flags = wire.OpMsgFlags(wire.OpMsgExhaustAllowed)
	if _, err := client.Write(frame(t, request, 1)); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(client)
	for i := range 3 {
		reply, err := readFrame(r)
		if err != nil {
			t.Fatalf("reply %d: %v", i, err)
		}
		if want := i < 2; replyMoreToCome(reply) != want {
			t.Errorf("reply %d: moreToCome %v, want %v", i, !want, want)
		}
	}
}

// startFront serves a front on a loopback port until the test ends; connect opens a client
// connection to it.
func startFront(t *testing.T, dial func() (net.Conn, error)) (connect func(t *testing.T) net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan struct{})
	go func() {
		defer close(served)
		newFront(dial).serve(ctx, ln)
	}()
	t.Cleanup(func() {
		cancel()
		<-served
	})
	return func(t *testing.T) net.Conn {
		t.Helper()
		client, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = client.Close() })
		return client
	}
}

// startFerretDB runs an embedded FerretDB on a Unix socket until the test ends.
func startFerretDB(t *testing.T) (socket string) {
	t.Helper()
	socket = filepath.Join(t.TempDir(), "ferretdb.sock")
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{Unix: socket},
		Handler:   "sqlite",
		SQLiteURL: "file:" + t.TempDir() + "/",
		Logger:    slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = f.Run(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return socket
}

// call sends msg and returns the reply's document, or an error for a failed command.
func call(conn *wireclient.Conn, msg *wire.OpMsg) (*wirebson.Document, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, body, err := conn.Request(ctx, msg)
	if err != nil {
		return nil, err
	}
	raw, err := body.(*wire.OpMsg).RawDocument()
	if err != nil {
		return nil, err
	}
	doc, err := raw.Decode()
	if err == nil && doc.Get("ok") != float64(1) {
		err = fmt.Errorf("%s failed: %v", msg.StringFlow(), doc.LogValue())
	}
	return doc, err
}

func mustCall(t *testing.T, conn *wireclient.Conn, msg *wire.OpMsg) *wirebson.Document {
	t.Helper()
	doc, err := call(conn, msg)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestWithFerretDB(t *testing.T) {
	socket := startFerretDB(t)
	dialFerretDB := func() (net.Conn, error) { return net.Dial("unix", socket) }
	// One front, as in the program: its locks are shared by all its client connections.
	dialFront := startFront(t, dialFerretDB)
	connect := func(t *testing.T) *wireclient.Conn {
		return wireclient.New(dialFront(t), slog.New(slog.DiscardHandler))
	}

	t.Run("every command FerretDB implements is classified", func(t *testing.T) {
		reply := mustCall(t, connect(t), wire.MustOpMsg("listCommands", int32(1), "$db", "admin"))
		commands, err := reply.Get("commands").(wirebson.RawDocument).Decode()
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range commands.FieldNames() {
			if _, known := commandWrites[name]; !known {
				t.Errorf("command %q is not in commandWrites", name)
			}
		}
	})

	t.Run("FerretDB answers a request with moreToCome, and the front drops that answer", func(t *testing.T) {
		insert := wire.MustOpMsg("insert", "docs", "documents", wirebson.MustArray(wirebson.MustDocument("_id", "w0")), "$db", "app")
		insert.Flags = wire.OpMsgFlags(wire.OpMsgMoreToCome)

		// Straight to FerretDB: an answer comes (so the front must read it, or the client would get it).
		direct, err := dialFerretDB()
		if err != nil {
			t.Fatal(err)
		}
		defer direct.Close()
		_ = direct.SetDeadline(time.Now().Add(10 * time.Second))
		if _, err = direct.Write(frame(t, insert, 7)); err != nil {
			t.Fatal(err)
		}
		answer, err := readFrame(bufio.NewReader(direct))
		if err != nil {
			t.Fatalf("FerretDB no longer answers a moreToCome request (%v): the front must stop waiting for it", err)
		}
		if responseTo := binary.LittleEndian.Uint32(answer[8:12]); responseTo != 7 {
			t.Fatalf("answer to %d", responseTo)
		}

		// Through the front: the next request's reply is its own.
		conn := connect(t)
		insert = wire.MustOpMsg("insert", "docs", "documents", wirebson.MustArray(wirebson.MustDocument("_id", "w1")), "$db", "app")
		insert.Flags = wire.OpMsgFlags(wire.OpMsgMoreToCome)
		b, _ := insert.MarshalBinary()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		header := &wire.MsgHeader{MessageLength: int32(wire.MsgHeaderLen + len(b)), RequestID: 1 << 20, OpCode: wire.OpCodeMsg}
		if err = conn.Write(ctx, header, insert); err != nil {
			t.Fatal(err)
		}
		found := mustCall(t, conn, wire.MustOpMsg("count", "docs", "query", wirebson.MustDocument("_id", "w1"), "$db", "app"))
		if n := found.Get("n"); n != int32(1) {
			t.Errorf("count after the moreToCome insert: %v", n)
		}
	})

	t.Run("16 concurrent guarded updates of one document modify it once", func(t *testing.T) {
		const concurrent = 16
		conns := make([]*wireclient.Conn, concurrent)
		for i := range conns {
			conns[i] = connect(t)
		}
		for round := range 20 {
			mustCall(t, conns[0], wire.MustOpMsg(
				"insert", "claims", "documents", wirebson.MustArray(wirebson.MustDocument("_id", int32(round), "used", false)), "$db", "app",
			))
			modified := make([]int32, concurrent)
			var wg sync.WaitGroup
			for i, conn := range conns {
				wg.Add(1)
				go func() {
					defer wg.Done()
					update := wirebson.MustDocument(
						"q", wirebson.MustDocument("_id", int32(round), "used", false),
						"u", wirebson.MustDocument("$set", wirebson.MustDocument("used", true)),
					)
					reply, err := call(conn, wire.MustOpMsg("update", "claims", "updates", wirebson.MustArray(update), "$db", "app"))
					if err != nil {
						t.Error(err)
						return
					}
					modified[i], _ = reply.Get("nModified").(int32)
				}()
			}
			wg.Wait()
			total := int32(0)
			for _, n := range modified {
				total += n
			}
			if total != 1 {
				t.Fatalf("round %d: %d of %d guarded updates modified the document", round, total, concurrent)
			}
		}
	})
}
